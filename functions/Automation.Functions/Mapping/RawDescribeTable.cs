using System.Text.Json;

namespace Automation.Functions.Mapping;

// The parts of DynamoDB DescribeTable's `Table` that the workflow reads, exactly as the Step Functions
// aws-sdk integration returns them (PascalCase, spelled out with [JsonPropertyName]: the step dialect is camelCase and case-sensitive). Everything is optional here so
// that DescribeTableMapper, not the deserializer, reports a missing field with its path. Timestamps are
// kept as JsonElement: Step Functions gives ISO strings, the SDKs epoch seconds; RawTimestamp reads both.
// Fields not listed (KeySchema, AttributeDefinitions, TableArn, ...) are ignored.

/// <summary>DescribeTable's <c>Table</c>.</summary>
public sealed record RawTable(
    [property: JsonPropertyName("TableName")] string? TableName = null,
    [property: JsonPropertyName("TableStatus")] string? TableStatus = null,
    [property: JsonPropertyName("BillingModeSummary")] RawBillingModeSummary? BillingModeSummary = null,
    [property: JsonPropertyName("ProvisionedThroughput")] RawProvisionedThroughput? ProvisionedThroughput = null,
    [property: JsonPropertyName("OnDemandThroughput")] RawOnDemandThroughput? OnDemandThroughput = null,
    [property: JsonPropertyName("GlobalSecondaryIndexes")] IReadOnlyList<RawGlobalSecondaryIndex>? GlobalSecondaryIndexes = null,
    [property: JsonPropertyName("Replicas"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RawReplica>? Replicas = null);

/// <summary>One entry of <c>Replicas</c> (global tables).</summary>
public sealed record RawReplica([property: JsonPropertyName("RegionName")] string? RegionName = null);

/// <summary><c>BillingModeSummary</c>: absent on tables that were always provisioned.</summary>
public sealed record RawBillingModeSummary([property: JsonPropertyName("BillingMode")] string? BillingMode = null);

/// <summary><c>ProvisionedThroughput</c> of the table or a GSI (zeros when on-demand).</summary>
public sealed record RawProvisionedThroughput(
    [property: JsonPropertyName("ReadCapacityUnits")] long? ReadCapacityUnits = null,
    [property: JsonPropertyName("WriteCapacityUnits")] long? WriteCapacityUnits = null,
    [property: JsonPropertyName("NumberOfDecreasesToday")] int? NumberOfDecreasesToday = null,
    [property: JsonPropertyName("LastDecreaseDateTime")] JsonElement? LastDecreaseDateTime = null,
    [property: JsonPropertyName("LastIncreaseDateTime")] JsonElement? LastIncreaseDateTime = null);

/// <summary><c>OnDemandThroughput</c>: -1 (or absent) means no maximum.</summary>
public sealed record RawOnDemandThroughput([property: JsonPropertyName("MaxReadRequestUnits")] long? MaxReadRequestUnits = null, [property: JsonPropertyName("MaxWriteRequestUnits")] long? MaxWriteRequestUnits = null);

/// <summary>One entry of <c>GlobalSecondaryIndexes</c>.</summary>
public sealed record RawGlobalSecondaryIndex(
    [property: JsonPropertyName("IndexName")] string? IndexName = null,
    [property: JsonPropertyName("IndexStatus")] string? IndexStatus = null,
    [property: JsonPropertyName("ProvisionedThroughput")] RawProvisionedThroughput? ProvisionedThroughput = null,
    [property: JsonPropertyName("OnDemandThroughput")] RawOnDemandThroughput? OnDemandThroughput = null);
