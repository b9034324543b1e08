namespace Automation.Functions.Mapping;

/// <summary>
/// CloudWatch GetInsightRuleReport's answer (the parts read): <c>{"KeyLabels", "AggregationStatistic",
/// "AggregateValue", "Contributors": [{"Keys": [...], "ApproximateAggregateValue", "Datapoints": [...]}]}</c>.
/// Contributors' per-period datapoints are not needed (the window total is) and are ignored.
/// </summary>
public sealed record RawInsightRuleReport(
    IReadOnlyList<string>? KeyLabels = null,
    string? AggregationStatistic = null,
    double? AggregateValue = null,
    IReadOnlyList<RawInsightRuleContributor>? Contributors = null);

/// <summary>One contributor: the key values (partition key, then sort key for SK rules) and its value over the window.</summary>
public sealed record RawInsightRuleContributor(IReadOnlyList<string>? Keys = null, double? ApproximateAggregateValue = null);
