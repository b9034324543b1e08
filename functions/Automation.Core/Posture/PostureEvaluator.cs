namespace Automation.Core.Posture;

/// <summary>A posture run's findings, most severe first, with counts by severity.</summary>
public sealed record PostureReport(IReadOnlyList<PostureFinding> Findings)
{
    /// <summary>How many findings of each severity (every severity present, zero included).</summary>
    public IReadOnlyDictionary<PostureSeverity, int> CountsBySeverity { get; } =
        Enum.GetValues<PostureSeverity>().ToDictionary(s => s, s => Findings.Count(f => f.Severity == s));
}

/// <summary>Runs every posture rule over one run's facts.</summary>
public static class PostureEvaluator
{
    /// <summary>
    /// Every finding, ordered by severity (most severe first), then rule, then subject (ordinal), so the same facts give
    /// the same report. A subject+rule pair appears once (<see cref="PostureFinding.Key"/>).
    /// </summary>
    public static PostureReport Evaluate(PostureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var findings = new List<PostureFinding>();
        foreach (TablePostureInput table in input.Tables)
        {
            TablePostureFacts facts = table.Facts;
            findings.AddRange(PostureRules.PointInTimeRecovery(facts));
            findings.AddRange(PostureRules.DeletionProtection(facts));
            findings.AddRange(PostureRules.UnmonitoredIndexes(facts, [.. input.Account.Alarms]));
            findings.AddRange(PostureRules.Encryption(facts, table.Requirements));
            findings.AddRange(PostureRules.ItemSizes(facts, table.Requirements));
            findings.AddRange(PostureRules.AutoScaling(facts, table.Requirements));
            findings.AddRange(PostureRules.IndexQuota(facts, input.Settings));
            findings.AddRange(PostureRules.ContributorInsights(facts));
        }

        findings.AddRange(PostureRules.TableQuota(input.Account, input.Settings));
        ManagedTableArn[] arns = [.. input.Tables.Select(t => new ManagedTableArn(t.Facts.TableArn, t.Facts.Segment, t.Requirements.RequireKeyConditions))];
        findings.AddRange(IamPolicyAnalyzer.Analyze(input.Account.Policies, arns, input.Settings.Exempt));

        return new PostureReport([.. findings
            .DistinctBy(f => f.Key, StringComparer.Ordinal)
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Rule)
            .ThenBy(f => f.Subject, StringComparer.Ordinal)]);
    }
}
