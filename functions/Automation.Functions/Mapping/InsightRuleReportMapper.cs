using System.Text.RegularExpressions;
using Automation.Core.Facts;
using Automation.Functions.Contracts.ThrottlingResponse;

namespace Automation.Functions.Mapping;

/// <summary>
/// Contributor Insights reports (rule name + raw GetInsightRuleReport) → <see cref="ContributorInsightsReport"/>.
/// The rule kind comes from the rule name DynamoDB gives its rules,
/// <c>DynamoDBContributorInsights-{PKC|PKT|SKC|SKT}-&lt;resource&gt;-&lt;timestamp&gt;</c>. The GSI is the input's
/// <c>indexName</c> when given (DescribeContributorInsights was asked for that index), else read from the resource
/// part: the table name alone is the table; <c>&lt;table&gt;/index/&lt;gsi&gt;</c> or <c>&lt;table&gt;-&lt;gsi&gt;</c> with a
/// GSI of the table is that GSI. A rule whose report could not be read (<c>reportError</c>, no <c>report</c>) is left out.
/// </summary>
public static partial class InsightRuleReportMapper
{
    public static IReadOnlyList<ContributorInsightsReport> Map(ContributorInsightsInput? input, TableFacts table, DateTimeOffset defaultStart, DateTimeOffset defaultEnd, string field = "contributorInsights")
    {
        ArgumentNullException.ThrowIfNull(table);
        if (input?.Reports is not { } reports)
        {
            return [];
        }

        var mapped = new List<ContributorInsightsReport>(reports.Count);
        for (int i = 0; i < reports.Count; i++)
        {
            string path = $"{field}.reports[{i}]";
            InsightRuleReportInput entry = reports[i] ?? throw InputError.Field(path, "is null");
            if (entry.Report is null && entry.ReportError is not null)
            {
                continue; // the report could not be read: optional evidence, left out
            }

            (ContributorInsightsRule rule, string? parsedIndex) = ParseRuleName(entry.RuleName, table, path + ".ruleName");
            string? index = entry.IndexName ?? parsedIndex;
            if (index is not null && table.FindIndex(index) is null)
            {
                throw InputError.Field(path + ".indexName", $"'{index}' is not a GSI of table '{table.TableName}'");
            }

            RawInsightRuleReport report = entry.Report ?? throw InputError.Field(path + ".report", "is required (GetInsightRuleReport's answer)");
            DateTimeOffset start = entry.StartTime ?? defaultStart;
            DateTimeOffset end = entry.EndTime ?? defaultEnd;
            if (end <= start)
            {
                throw InputError.Field(path + ".endTime", "must be after startTime");
            }

            mapped.Add(new ContributorInsightsReport(rule, index, start, end, NonNegative(report.AggregateValue ?? 0, path + ".report.AggregateValue"),
                Contributors(report, rule, path + ".report.Contributors")));
        }

        return mapped;
    }

    /// <summary>The rule kind and (when the name says so) the GSI of a Contributor Insights rule name.</summary>
    public static (ContributorInsightsRule Rule, string? IndexName) ParseRuleName(string? ruleName, TableFacts table, string field = "ruleName")
    {
        ArgumentNullException.ThrowIfNull(table);
        Match match = ruleName is null ? Match.Empty : RuleNamePattern().Match(ruleName);
        if (!match.Success)
        {
            throw InputError.Field(field, $"must be a DynamoDB Contributor Insights rule name (DynamoDBContributorInsights-{{PKC|PKT|SKC|SKT}}-<table>-<timestamp>), got '{ruleName}'");
        }

        ContributorInsightsRule rule = match.Groups["kind"].Value switch
        {
            "PKC" => ContributorInsightsRule.PartitionKeyAccessed,
            "PKT" => ContributorInsightsRule.PartitionKeyThrottled,
            "SKC" => ContributorInsightsRule.SortKeyAccessed,
            _ => ContributorInsightsRule.SortKeyThrottled,
        };
        string resource = match.Groups["resource"].Value;
        if (string.Equals(resource, table.TableName, StringComparison.Ordinal))
        {
            return (rule, null);
        }

        foreach (string separator in (string[])["/index/", "-"])
        {
            string prefix = table.TableName + separator;
            if (resource.StartsWith(prefix, StringComparison.Ordinal) && table.FindIndex(resource[prefix.Length..]) is { } index)
            {
                return (rule, index.IndexName);
            }
        }

        throw InputError.Field(field, $"rule '{ruleName}' is not about table '{table.TableName}' or one of its GSIs");
    }

    private static List<KeyContribution> Contributors(RawInsightRuleReport report, ContributorInsightsRule rule, string path)
    {
        bool sortKey = rule is ContributorInsightsRule.SortKeyAccessed or ContributorInsightsRule.SortKeyThrottled;
        IReadOnlyList<RawInsightRuleContributor> raw = report.Contributors ?? [];
        var contributors = new List<KeyContribution>(raw.Count);
        for (int i = 0; i < raw.Count; i++)
        {
            string item = $"{path}[{i}]";
            RawInsightRuleContributor c = raw[i] ?? throw InputError.Field(item, "is null");
            if (c.Keys is not { Count: > 0 } keys || keys[0] is null)
            {
                throw InputError.Field(item + ".Keys", "must hold the partition key value (and the sort key for SK rules)");
            }

            contributors.Add(new KeyContribution(keys[0], sortKey && keys.Count > 1 ? keys[1] : null,
                NonNegative(c.ApproximateAggregateValue ?? 0, item + ".ApproximateAggregateValue")));
        }

        return contributors;
    }

    private static double NonNegative(double value, string field) =>
        double.IsFinite(value) && value >= 0 ? value : throw InputError.Field(field, $"must be a finite number >= 0, got {value}");

    [GeneratedRegex(@"^DynamoDBContributorInsights-(?<kind>PKC|PKT|SKC|SKT)-(?<resource>.+)-(?<ts>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleNamePattern();
}
