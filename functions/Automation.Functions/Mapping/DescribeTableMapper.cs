using Automation.Core.Facts;

namespace Automation.Functions.Mapping;

/// <summary>Raw DescribeTable <c>Table</c> → <see cref="TableFacts"/>. Every failure names the field (e.g. <c>table.TableStatus</c>).</summary>
public static class DescribeTableMapper
{
    public static TableFacts Map(RawTable? table, string field = "table")
    {
        if (table is null)
        {
            throw InputError.Field(field, "is required (DescribeTable's 'Table', as the aws-sdk integration returns it)");
        }

        string name = Required(table.TableName, field + ".TableName");
        CapacityMode mode = (table.BillingModeSummary?.BillingMode ?? "PROVISIONED") switch
        {
            "PROVISIONED" => CapacityMode.Provisioned,
            "PAY_PER_REQUEST" => CapacityMode.PayPerRequest,
            var other => throw InputError.Field(field + ".BillingModeSummary.BillingMode", $"must be PROVISIONED or PAY_PER_REQUEST, got '{other}'"),
        };

        var indexes = new List<IndexFacts>();
        IReadOnlyList<RawGlobalSecondaryIndex> rawIndexes = table.GlobalSecondaryIndexes ?? [];
        for (int i = 0; i < rawIndexes.Count; i++)
        {
            string path = $"{field}.GlobalSecondaryIndexes[{i}]";
            RawGlobalSecondaryIndex index = rawIndexes[i] ?? throw InputError.Field(path, "is null");
            indexes.Add(new IndexFacts(
                Required(index.IndexName, path + ".IndexName"),
                Status(Required(index.IndexStatus, path + ".IndexStatus")),
                Throughput(index.ProvisionedThroughput, path + ".ProvisionedThroughput"),
                OnDemand(index.OnDemandThroughput)));
        }

        return new TableFacts(
            name,
            Status(Required(table.TableStatus, field + ".TableStatus")),
            mode,
            Throughput(table.ProvisionedThroughput, field + ".ProvisionedThroughput"),
            OnDemand(table.OnDemandThroughput),
            indexes)
        {
            ReplicaRegions = [.. (table.Replicas ?? []).Select(r => r?.RegionName).OfType<string>().Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The trigger's index must exist on the table: an alarm on a deleted or misspelled GSI is not an input error
    /// but a typed <see cref="ErrorTypes.IndexNotFound"/> the workflow closes the incident on.
    /// </summary>
    public static void RequireIndex(TableFacts table, string? indexName, string field = "trigger.indexName")
    {
        ArgumentNullException.ThrowIfNull(table);
        if (indexName is not null && table.FindIndex(indexName) is null)
        {
            throw new AutomationException(ErrorTypes.IndexNotFound,
                $"Index '{indexName}' is not a global secondary index of table '{table.TableName}' (it has: {string.Join(", ", table.GlobalSecondaryIndexes.Select(i => i.IndexName).DefaultIfEmpty("none"))}).")
            { Field = field };
        }
    }

    private static ResourceStatus Status(string status) => status switch
    {
        "ACTIVE" => ResourceStatus.Active,
        "CREATING" => ResourceStatus.Creating,
        "UPDATING" => ResourceStatus.Updating,
        "DELETING" => ResourceStatus.Deleting,
        _ => ResourceStatus.Other,
    };

    private static ProvisionedThroughputFacts Throughput(RawProvisionedThroughput? raw, string path)
    {
        if (raw is null)
        {
            return ProvisionedThroughputFacts.None; // on-demand GSIs may omit it
        }

        return new ProvisionedThroughputFacts(
            NonNegative(raw.ReadCapacityUnits ?? 0, path + ".ReadCapacityUnits"),
            NonNegative(raw.WriteCapacityUnits ?? 0, path + ".WriteCapacityUnits"),
            (int)NonNegative(raw.NumberOfDecreasesToday ?? 0, path + ".NumberOfDecreasesToday"),
            RawTimestamp.ReadOptional(raw.LastDecreaseDateTime, path + ".LastDecreaseDateTime"),
            RawTimestamp.ReadOptional(raw.LastIncreaseDateTime, path + ".LastIncreaseDateTime"));
    }

    private static OnDemandThroughput? OnDemand(RawOnDemandThroughput? raw) =>
        raw is null
            ? null
            : new OnDemandThroughput(raw.MaxReadRequestUnits ?? OnDemandThroughput.NoMaximum, raw.MaxWriteRequestUnits ?? OnDemandThroughput.NoMaximum);

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw InputError.Field(field, "is required") : value;

    private static long NonNegative(long value, string field) =>
        value >= 0 ? value : throw InputError.Field(field, $"must be >= 0, got {value}");
}
