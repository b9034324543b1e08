namespace Automation.Core.Triage;

/// <summary>Is it DynamoDB, or another layer?</summary>
public enum TriageVerdict
{
    /// <summary>DynamoDB's own metrics show the problem (evidence with numbers).</summary>
    DynamoDbSide,

    /// <summary>DynamoDB is healthy server-side: look elsewhere (client, network, SDK, other services).</summary>
    NotDynamoDb,

    /// <summary>No data to decide from.</summary>
    Inconclusive,
}

/// <summary>What to do, one per finding.</summary>
public enum TriageAdvice
{
    /// <summary>SystemErrors: retry with exponential backoff and jitter (the AWS SDKs' standard retry mode does).</summary>
    RetryWithBackoffAndJitter,

    /// <summary>Throttles: run the throttling runbook.</summary>
    RunThrottlingResponse,

    /// <summary>Conditional-check failures: contention on hot items.</summary>
    ReduceHotItemContention,

    /// <summary>A hot key: write sharding or a cache.</summary>
    ShardOrCacheHotKey,

    /// <summary>Replication latency: look at the replica region.</summary>
    CheckReplicaRegion,

    /// <summary>Server-side latency elevated without errors or throttles: item sizes, query shape, hot partitions.</summary>
    InspectRequestShape,

    /// <summary>Server-side latency normal: client, network, SDK timeouts and retries, connection reuse, other services.</summary>
    LookAtClientNetworkAndOtherServices,

    /// <summary>No data: check the metrics' table, operation and window, and that the table takes traffic.</summary>
    CheckMetricsAvailability,
}

/// <summary>One piece of evidence.</summary>
/// <param name="Metric">The metric (null for hot keys).</param>
/// <param name="Operation">The operation or replica region it is about, else null.</param>
/// <param name="Recent">The recent value (sum for counts, average or maximum for latencies).</param>
/// <param name="Baseline">The baseline value, or null when the baseline has no data.</param>
/// <param name="DynamoDbSide">Whether this finding is evidence that the problem is DynamoDB's.</param>
/// <param name="Text">One sentence with the numbers.</param>
public sealed record TriageFinding(
    TriageMetric? Metric,
    string? Operation,
    double Recent,
    double? Baseline,
    bool DynamoDbSide,
    string Text);

/// <summary>One recommendation.</summary>
public sealed record TriageRecommendation(TriageAdvice Advice, string Text);

/// <summary>The triage's answer.</summary>
/// <param name="Verdict">DynamoDB, not DynamoDB, or inconclusive.</param>
/// <param name="Summary">One sentence for people.</param>
/// <param name="Findings">Evidence with numbers (DynamoDB-side first).</param>
/// <param name="Advice">What to do, without duplicates.</param>
public sealed record TriageDiagnosis(
    TriageVerdict Verdict,
    string Summary,
    IReadOnlyList<TriageFinding> Findings,
    IReadOnlyList<TriageRecommendation> Advice);
