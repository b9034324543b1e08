using System.Globalization;
using Automation.Core.Errors;
using Automation.Core.Incidents;
using Automation.Core.Planning;
using Automation.Core.Sharding;

namespace Automation.Core.Safety;

/// <summary>
/// Decides whether a plan needs an on-demand backup first (issue 13): a write-sharding change that needs a data
/// migration (<see cref="ShardingMigration"/>; the planner does not read the registry, so a key is taken as written
/// unsharded — a hot key already sharded to the same count re-writes nothing, and the backup is then one more than
/// needed, never one fewer), and any change whose kind the segment lists in <c>safety.backupBefore</c>. Pure.
/// </summary>
public static class BackupPlanner
{
    /// <summary>The rule name of "a sharding change that moves existing items takes a backup first".</summary>
    public const string MigrationRule = "sharding-needs-migration";

    /// <summary>Prefix of every backup the suite takes (its name: <c>automation-&lt;incident id&gt;</c>).</summary>
    public const string BackupNamePrefix = "automation-";

    /// <summary>The rule name of a segment's <c>safety.backupBefore</c> entry for <paramref name="kind"/>.</summary>
    public static string SegmentRule(RemediationKind kind) => $"safety.backupBefore: {SafetySettings.NameOf(kind)}";

    /// <summary>The backup name for an incident: DynamoDB's 3–255 characters of <c>[a-zA-Z0-9_.-]</c>, the same on every retry.</summary>
    public static string BackupNameOf(string incidentId)
    {
        if (!IncidentIds.IsWellFormed(incidentId))
        {
            throw InputError.Field("incidentId", $"must be an incident id ({IncidentIds.Prefix}…), got '{incidentId}'");
        }

        return BackupNamePrefix + incidentId;
    }

    /// <summary>
    /// <paramref name="plan"/> with its <see cref="RemediationPlan.Backup"/> set and the backup named in its summary
    /// (for a dry run: the backup that would be taken), or unchanged when it needs none.
    /// </summary>
    public static RemediationPlan Attach(RemediationPlan plan, Func<string, string?, string?, SafetySettings> safetyOf, string incidentId)
    {
        if (For(plan, safetyOf, incidentId) is not { } backup)
        {
            return plan;
        }

        string taken = plan.DryRun ? "would be taken first (dry run: none is taken)" : "is taken first; the change is refused if it fails";
        return plan with
        {
            Backup = backup,
            Summary = $"{plan.Summary} An on-demand backup '{backup.BackupName}' of table '{backup.TableName}' {taken} ({string.Join(", ", backup.Rules)}).",
        };
    }

    /// <summary>
    /// The backup <paramref name="plan"/> needs, or null. <paramref name="safetyOf"/> resolves the safety settings of
    /// a table, an index and optionally a partition key (the most specific segment's, else the defaults).
    /// </summary>
    public static BackupRequirement? For(RemediationPlan plan, Func<string, string?, string?, SafetySettings> safetyOf, string incidentId)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(safetyOf);
        if (PlanClassifier.ActionOf(plan) == PlanAction.None)
        {
            return null;
        }

        var rules = new List<string>();
        var why = new List<string>();
        if (plan.Action == RemediationKind.ShardHotKey)
        {
            foreach (ShardingChange change in plan.Sharding)
            {
                if (ShardingMigration.NeedsMigration(0, change.ShardCount) && !rules.Contains(MigrationRule))
                {
                    rules.Add(MigrationRule);
                    why.Add(string.Create(CultureInfo.InvariantCulture,
                        $"key '{change.PartitionKey}' moves from its unsharded layout to {change.ShardCount} shards, so its existing items must be migrated"));
                }
            }
        }

        string rule = SegmentRule(plan.Action);
        bool marked = plan.Action == RemediationKind.ShardHotKey
            ? plan.Sharding.Any(s => safetyOf(plan.TableName, s.IndexName, s.PartitionKey).BackupBefore.Contains(plan.Action))
            : safetyOf(plan.TableName, plan.IndexName, null).BackupBefore.Contains(plan.Action);
        if (marked)
        {
            rules.Add(rule);
            why.Add($"the segment marks {SafetySettings.NameOf(plan.Action)} risky");
        }

        if (rules.Count == 0)
        {
            return null;
        }

        string name = BackupNameOf(incidentId);
        return new BackupRequirement(plan.TableName, name, rules,
            $"On-demand backup '{name}' of table '{plan.TableName}' before the change ({string.Join("; ", why)}); the change is refused if the backup fails.");
    }
}
