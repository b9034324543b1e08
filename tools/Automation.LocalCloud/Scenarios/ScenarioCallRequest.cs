using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Scenarios;

/// <summary>A scenario's <c>service.Action</c> call made ready to send: DynamoDB keys, items and values
/// written as plain JSON in the file are marshalled to DynamoDB's typed form.</summary>
public sealed record ScenarioCallRequest(AwsService Service, string Action, JsonObject Request)
{
    public static ScenarioCallRequest Parse(string call, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(parameters);
        var parts = call.Split('.', 2);
        if (parts.Length != 2)
        {
            throw new FormatException($"call '{call}' must be service.Action, e.g. dynamodb.DescribeTable.");
        }

        var service = AwsService.Find(parts[0]);
        var request = (JsonObject)parameters.DeepClone();
        if (service == AwsService.DynamoDb)
        {
            DynamoDbJson.MarshalRequest(request);
        }

        return new ScenarioCallRequest(service, parts[1], request);
    }
}
