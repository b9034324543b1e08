using System.Text.Json;

namespace Automation.Functions.Mapping;

// The parts of DynamoDB DescribeTable's `Table` that the workflow reads, exactly as the Step Functions
// aws-sdk integration returns them (PascalCase; read case-insensitively). Everything is optional here so
// that DescribeTableMapper, not the deserializer, reports a missing field with its path. Timestamps are
// kept as JsonElement: Step Functions gives ISO strings, the SDKs epoch seconds; RawTimestamp reads both.
// Fields not listed (KeySchema, AttributeDefinitions, TableArn, ...) are ignored.

/// <summary>DescribeTable's <c>Table</c>.</summary>
public sealed record RawTable(
    string? TableName = null,
    string? TableStatus = null,
    RawBillingModeSummary? BillingModeSummary = null,
    RawProvisionedThroughput? ProvisionedThroughput = null,
    RawOnDemandThroughput? OnDemandThroughput = null,
    IReadOnlyList<RawGlobalSecondaryIndex>? GlobalSecondaryIndexes = null);

/// <summary><c>BillingModeSummary</c>: absent on tables that were always provisioned.</summary>
public sealed record RawBillingModeSummary(string? BillingMode = null);

/// <summary><c>ProvisionedThroughput</c> of the table or a GSI (zeros when on-demand).</summary>
public sealed record RawProvisionedThroughput(
    long? ReadCapacityUnits = null,
    long? WriteCapacityUnits = null,
    int? NumberOfDecreasesToday = null,
    JsonElement? LastDecreaseDateTime = null,
    JsonElement? LastIncreaseDateTime = null);

/// <summary><c>OnDemandThroughput</c>: -1 (or absent) means no maximum.</summary>
public sealed record RawOnDemandThroughput(long? MaxReadRequestUnits = null, long? MaxWriteRequestUnits = null);

/// <summary>One entry of <c>GlobalSecondaryIndexes</c>.</summary>
public sealed record RawGlobalSecondaryIndex(
    string? IndexName = null,
    string? IndexStatus = null,
    RawProvisionedThroughput? ProvisionedThroughput = null,
    RawOnDemandThroughput? OnDemandThroughput = null);
