namespace Automation.Functions.Contracts.ThrottlingResponse;

// DynamoDB UpdateTable's request, exactly (PascalCase), holding only the fields its UpdateKind names:
// absent fields are left out of the JSON, never written as null.

/// <summary>The UpdateTable request for arn:aws:states:::aws-sdk:dynamodb:updateTable.</summary>
public sealed record UpdateTableRequest(
    [property: JsonPropertyName("TableName")] string TableName,
    [property: JsonPropertyName("BillingMode"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BillingMode,
    [property: JsonPropertyName("ProvisionedThroughput"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProvisionedThroughputRequest? ProvisionedThroughput,
    [property: JsonPropertyName("OnDemandThroughput"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OnDemandThroughputRequest? OnDemandThroughput,
    [property: JsonPropertyName("GlobalSecondaryIndexUpdates"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<GlobalSecondaryIndexUpdateRequest>? GlobalSecondaryIndexUpdates);

/// <summary><c>{"ReadCapacityUnits", "WriteCapacityUnits"}</c>.</summary>
public sealed record ProvisionedThroughputRequest(
    [property: JsonPropertyName("ReadCapacityUnits")] long ReadCapacityUnits,
    [property: JsonPropertyName("WriteCapacityUnits")] long WriteCapacityUnits);

/// <summary><c>{"MaxReadRequestUnits", "MaxWriteRequestUnits"}</c> (-1: no maximum).</summary>
public sealed record OnDemandThroughputRequest(
    [property: JsonPropertyName("MaxReadRequestUnits")] long MaxReadRequestUnits,
    [property: JsonPropertyName("MaxWriteRequestUnits")] long MaxWriteRequestUnits);

/// <summary><c>{"Update": {...}}</c>.</summary>
public sealed record GlobalSecondaryIndexUpdateRequest([property: JsonPropertyName("Update")] UpdateGlobalSecondaryIndexRequest Update);

/// <summary><c>{"IndexName", "ProvisionedThroughput"}</c> or <c>{"IndexName", "OnDemandThroughput"}</c>.</summary>
public sealed record UpdateGlobalSecondaryIndexRequest(
    [property: JsonPropertyName("IndexName")] string IndexName,
    [property: JsonPropertyName("ProvisionedThroughput"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProvisionedThroughputRequest? ProvisionedThroughput,
    [property: JsonPropertyName("OnDemandThroughput"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OnDemandThroughputRequest? OnDemandThroughput);
