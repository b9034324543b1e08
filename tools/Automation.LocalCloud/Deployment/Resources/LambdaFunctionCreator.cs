using System.Globalization;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Routing;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::Lambda::Function → registered with the router, which runs the handler in-process
/// (nothing is created in moto: its Lambda needs Docker, and the router answers every Invoke).</summary>
public sealed class LambdaFunctionCreator : IResourceCreator
{
    public string ResourceType => "AWS::Lambda::Function";

    public Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["FunctionName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 64);
        var handler = properties["Handler"]?.GetValue<string>()
                      ?? throw new InvalidOperationException($"{logicalId}: a provided.al2023 function needs a Handler (the step name).");
        var environment = (properties["Environment"]?["Variables"] as JsonObject ?? [])
            .ToDictionary(v => v.Key, v => v.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);
        var timeout = TimeSpan.FromSeconds(properties["Timeout"] is { } seconds
            ? double.Parse(seconds.ToString(), CultureInfo.InvariantCulture)
            : 3);
        var arn = LocalAccount.Arn("lambda", $"function:{name}");
        var function = new LocalFunction(name, arn, handler, environment, timeout);
        stack.Functions.Register(function);
        stack.LambdaFunctions.Add(function);
        return Task.FromResult(new DeployedResource(logicalId, ResourceType, name, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Arn"] = arn,
        }));
    }
}
