using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::DynamoDB::Table → CreateTable (+ TTL, point-in-time recovery, Contributor Insights).</summary>
public sealed class DynamoDbTableCreator : IResourceCreator
{
    // Properties whose CloudFormation shape is the CreateTable shape.
    private static readonly string[] SameShape =
    [
        "AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput", "LocalSecondaryIndexes",
        "TableClass", "DeletionProtectionEnabled", "OnDemandThroughput", "WarmThroughput", "Tags",
    ];

    public string ResourceType => "AWS::DynamoDB::Table";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["TableName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 255);
        var request = new JsonObject { ["TableName"] = name };
        foreach (var key in SameShape.Where(properties.ContainsKey))
        {
            request[key] = properties[key]!.DeepClone();
        }

        if (properties["GlobalSecondaryIndexes"] is JsonArray indexes)
        {
            // CloudFormation allows ContributorInsightsSpecification per index; CreateTable does not.
            var copy = (JsonArray)indexes.DeepClone();
            foreach (var index in copy.OfType<JsonObject>())
            {
                index.Remove("ContributorInsightsSpecification");
            }

            request["GlobalSecondaryIndexes"] = copy;
        }

        if (properties["StreamSpecification"]?["StreamViewType"] is { } viewType)
        {
            request["StreamSpecification"] = new JsonObject { ["StreamEnabled"] = true, ["StreamViewType"] = viewType.DeepClone() };
        }

        if (properties["SSESpecification"] is JsonObject sse)
        {
            request["SSESpecification"] = new JsonObject
            {
                ["Enabled"] = sse["SSEEnabled"]?.DeepClone() ?? false,
                ["SSEType"] = sse["SSEType"]?.DeepClone(),
                ["KMSMasterKeyId"] = sse["KMSMasterKeyId"]?.DeepClone(),
            };
        }

        var created = await stack.Aws.CallAsync(AwsService.DynamoDb, "CreateTable", request, cancellationToken).ConfigureAwait(false);
        var table = created["TableDescription"]!;

        if (properties["TimeToLiveSpecification"] is JsonObject ttl && ttl["Enabled"]?.GetValue<bool>() == true)
        {
            await stack.Aws.CallAsync(AwsService.DynamoDb, "UpdateTimeToLive", new JsonObject
            {
                ["TableName"] = name,
                ["TimeToLiveSpecification"] = ttl.DeepClone(),
            }, cancellationToken).ConfigureAwait(false);
        }

        if (properties["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]?.GetValue<bool>() == true)
        {
            await stack.Aws.CallAsync(AwsService.DynamoDb, "UpdateContinuousBackups", new JsonObject
            {
                ["TableName"] = name,
                ["PointInTimeRecoverySpecification"] = new JsonObject { ["PointInTimeRecoveryEnabled"] = true },
            }, cancellationToken).ConfigureAwait(false);
        }

        if (properties["ContributorInsightsSpecification"]?["Enabled"]?.GetValue<bool>() == true)
        {
            stack.Insights.Update(new JsonObject { ["TableName"] = name, ["ContributorInsightsAction"] = "ENABLE" });
        }

        foreach (var index in (properties["GlobalSecondaryIndexes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (index["ContributorInsightsSpecification"]?["Enabled"]?.GetValue<bool>() == true)
            {
                stack.Insights.Update(new JsonObject
                {
                    ["TableName"] = name,
                    ["IndexName"] = index["IndexName"]!.DeepClone(),
                    ["ContributorInsightsAction"] = "ENABLE",
                });
            }
        }

        return new DeployedResource(logicalId, ResourceType, name, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Arn"] = table["TableArn"]?.DeepClone() ?? LocalAccount.Arn("dynamodb", $"table/{name}"),
            ["StreamArn"] = table["LatestStreamArn"]?.DeepClone(),
        });
    }
}
