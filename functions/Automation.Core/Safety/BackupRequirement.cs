namespace Automation.Core.Safety;

/// <summary>
/// The on-demand backup a plan needs before it is applied (<see cref="BackupPlanner"/>), carried on the plan so that
/// a dry run reports it and the state machine takes it (ListBackups, then CreateBackup) before the change.
/// </summary>
/// <param name="TableName">The table to back up.</param>
/// <param name="BackupName">Deterministic from the incident id (<see cref="BackupPlanner.BackupNameOf"/>): a retried or redriven run finds it in ListBackups and takes no second one.</param>
/// <param name="Rules">Every rule that asks for it (<see cref="BackupPlanner.MigrationRule"/>, <c>safety.backupBefore: &lt;kind&gt;</c> of a segment).</param>
/// <param name="Reason">One sentence for the incident record and the approver.</param>
public sealed record BackupRequirement(string TableName, string BackupName, IReadOnlyList<string> Rules, string Reason);
