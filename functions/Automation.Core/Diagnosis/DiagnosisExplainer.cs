using System.Globalization;

using Automation.Core.Facts;

namespace Automation.Core.Diagnosis;

/// <summary>Writes the one-sentence explanation of a diagnosis for the incident record.</summary>
internal static class DiagnosisExplainer
{
    public static string Explain(
        DiagnosisKind kind,
        ThrottlingFacts facts,
        string? indexName,
        ThrottledOperations operations,
        double events,
        ResourceThrottleSignals? resource,
        IReadOnlyList<HotKeyEvidence> hotKeys)
    {
        string table = facts.Table.TableName;
        string where = indexName is null ? $"Table '{table}'" : $"Index '{indexName}' of table '{table}'";
        string ops = Describe(operations);
        return kind switch
        {
            DiagnosisKind.ProvisionedCapacityExhausted => Format(
                $"{where} throttled {events:N0} {ops} events because its provisioned capacity ({Capacity(resource!, operations)}) was exhausted at a peak of {Consumption(resource!, operations)}."),
            DiagnosisKind.HotKey => Format(
                $"{where} throttled {events:N0} {ops} events on a single partition (limit {PartitionLimitText(operations)} per partition), which no table-level capacity change can fix; {KeyText(hotKeys)}."),
            DiagnosisKind.GsiWriteBackPressure => Format(
                $"Writes to table '{table}' were throttled because index '{indexName}' ran out of write capacity ({events:N0} index write events at {resource!.ProvisionedWrite:N0} WCU/s provisioned, peak {resource.PeakConsumedWritePerSecond:N0} WCU/s)."),
            DiagnosisKind.OnDemandMaximumReached => Format(
                $"{where} throttled {events:N0} {ops} events at its on-demand maximum ({OnDemandMax(facts, indexName)})."),
            DiagnosisKind.AccountLimitReached => Format(
                $"{where} throttled {events:N0} {ops} events on an account-level throughput quota, which no change to the table can lift."),
            DiagnosisKind.NotThrottling => Format(
                $"No throttling events for table '{table}' or its indexes between {facts.WindowStart:u} and {facts.WindowEnd:u}; the alarm looks like a false alarm."),
            _ => Format(
                $"Throttling metrics for table '{table}' between {facts.WindowStart:u} and {facts.WindowEnd:u} were missing or named no reason, so the cause cannot be determined."),
        };
    }

    public static string InsufficientData(ThrottlingFacts facts, string why) =>
        Format($"The cause of throttling on table '{facts.Table.TableName}' cannot be determined: {why}.");

    private static string Describe(ThrottledOperations operations) => operations switch
    {
        ThrottledOperations.Read => "read",
        ThrottledOperations.Write => "write",
        ThrottledOperations.ReadAndWrite => "read and write",
        _ => "throttle",
    };

    private static string Capacity(ResourceThrottleSignals s, ThrottledOperations operations) => operations switch
    {
        ThrottledOperations.Read => Format($"{s.ProvisionedRead:N0} RCU/s"),
        ThrottledOperations.Write => Format($"{s.ProvisionedWrite:N0} WCU/s"),
        _ => Format($"{s.ProvisionedRead:N0} RCU/s, {s.ProvisionedWrite:N0} WCU/s"),
    };

    private static string Consumption(ResourceThrottleSignals s, ThrottledOperations operations) => operations switch
    {
        ThrottledOperations.Read => Format($"{s.PeakConsumedReadPerSecond:N0} RCU/s"),
        ThrottledOperations.Write => Format($"{s.PeakConsumedWritePerSecond:N0} WCU/s"),
        _ => Format($"{s.PeakConsumedReadPerSecond:N0} RCU/s and {s.PeakConsumedWritePerSecond:N0} WCU/s"),
    };

    private static string PartitionLimitText(ThrottledOperations operations) => operations switch
    {
        ThrottledOperations.Read => "3,000 RCU/s",
        ThrottledOperations.Write => "1,000 WCU/s",
        _ => "3,000 RCU/s or 1,000 WCU/s",
    };

    private static string KeyText(IReadOnlyList<HotKeyEvidence> hotKeys)
    {
        if (hotKeys.Count == 0)
        {
            return "enable Contributor Insights to name the key";
        }

        HotKeyEvidence top = hotKeys[0];
        string what = top.Source is ContributorInsightsRule.PartitionKeyThrottled or ContributorInsightsRule.SortKeyThrottled
            ? "throttled requests"
            : "consumed capacity";
        return Format($"top key '{top.PartitionKey}' drew {top.Share:P0} of {what}");
    }

    private static string OnDemandMax(ThrottlingFacts facts, string? indexName)
    {
        OnDemandThroughput? max = facts.Table.OnDemandThroughputOf(indexName);
        if (max is null)
        {
            return "no maximum recorded in DescribeTable";
        }

        return Format($"{Units(max.MaxReadRequestUnits)} read, {Units(max.MaxWriteRequestUnits)} write request units/s");
    }

    private static string Units(long value) => value == OnDemandThroughput.NoMaximum ? "unlimited" : Format($"{value:N0}");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
