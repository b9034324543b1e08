using Amazon.DynamoDBv2;

namespace Automation.Functions.Aws;

/// <summary>
/// One DynamoDB client per process, created on first use so that steps which never touch DynamoDB
/// (NormalizeTrigger) do not pay for it at cold start. Built from the standard SDK settings only:
/// AWS_REGION, credentials from the Lambda environment, and AWS_ENDPOINT_URL /
/// AWS_ENDPOINT_URL_DYNAMODB, which the SDK itself honours (that is how the local cloud points it at moto).
/// </summary>
public static class SharedDynamoDbClient
{
    private static readonly Lazy<IAmazonDynamoDB> Client = new(Create);

    public static IAmazonDynamoDB Instance => Client.Value;

    /// <summary>True once <see cref="Instance"/> was first used.</summary>
    public static bool IsCreated => Client.IsValueCreated;

    /// <summary>A new client from the standard settings (the shared instance is one of these).</summary>
    public static IAmazonDynamoDB Create() => new AmazonDynamoDBClient();
}
