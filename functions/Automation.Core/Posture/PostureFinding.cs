namespace Automation.Core.Posture;

/// <summary>One thing a posture run found.</summary>
/// <param name="Rule">The check that found it.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Subject">
/// What it is about, stable between runs so runs can be compared: <c>table/Orders</c>, <c>table/Orders/index/ByCustomer</c>,
/// <c>account</c>, or an IAM policy's id with its statement (<c>arn:aws:iam::…:policy/x#2</c>).
/// </param>
/// <param name="Segment">The managed segment it concerns, or null for account-wide findings.</param>
/// <param name="Evidence">The facts, with their numbers.</param>
/// <param name="WhyItMatters">What goes wrong if it stays (<see cref="PostureRuleCatalog"/>).</param>
/// <param name="Fix">What to do (<see cref="PostureRuleCatalog"/>).</param>
/// <param name="Remediation">What the posture workflow can do about it with approval, or null when only a person can.</param>
public sealed record PostureFinding(
    PostureRule Rule,
    PostureSeverity Severity,
    string Subject,
    string? Segment,
    string Evidence,
    string WhyItMatters,
    string Fix,
    PostureRemediation? Remediation)
{
    /// <summary>The identity of a finding across runs: the rule and its subject (evidence may change).</summary>
    public string Key => Rule + " " + Subject;
}

/// <summary>What the posture workflow may do, with approval and dry-run, to fix a finding.</summary>
public enum PostureRemediation
{
    /// <summary><c>UpdateContinuousBackups</c> with point-in-time recovery enabled.</summary>
    EnablePointInTimeRecovery,

    /// <summary><c>UpdateTable</c> with <c>DeletionProtectionEnabled: true</c>.</summary>
    EnableDeletionProtection,

    /// <summary>Run the alarm-reconcile workflow for the segment (it creates the table's and each GSI's alarms).</summary>
    CreateSegmentAlarms,
}
