using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::Events::Rule → PutRule + PutTargets in moto (so the rule can be listed), and an
/// <see cref="EventRule"/> the scenario runner delivers events with (moto does not).</summary>
public sealed class EventRuleCreator : IResourceCreator
{
    public string ResourceType => "AWS::Events::Rule";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["Name"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 64);
        var pattern = properties["EventPattern"] switch
        {
            JsonObject obj => obj,
            JsonValue text => JsonNode.Parse(text.GetValue<string>()) as JsonObject,
            _ => null,
        };
        var state = properties["State"]?.GetValue<string>() ?? "ENABLED";
        var rule = new JsonObject { ["Name"] = name, ["State"] = state };
        if (pattern is not null)
        {
            rule["EventPattern"] = pattern.ToJsonString();
        }

        if (properties["ScheduleExpression"] is { } schedule)
        {
            rule["ScheduleExpression"] = schedule.DeepClone();
        }

        // A schedule-only rule (no EventPattern) stays out of moto: moto 5.2.1 matches it against every PutEvents and
        // raises NotImplementedError for its state-machine target (HTTP 500 to the sender). Schedules never fire
        // locally anyway; the scenario starts the scheduled workflow itself.
        var scheduleOnly = pattern is null && properties["ScheduleExpression"] is not null;
        var created = scheduleOnly
            ? new JsonObject()
            : await stack.Aws.CallAsync(AwsService.EventBridge, "PutRule", rule, cancellationToken).ConfigureAwait(false);

        var targets = new List<EventTarget>();
        var wireTargets = new JsonArray();
        foreach (var target in (properties["Targets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (target["InputTransformer"] is not null)
            {
                throw new NotSupportedException($"{logicalId}: InputTransformer targets are not supported by the local cloud yet.");
            }

            targets.Add(new EventTarget(
                target["Id"]!.GetValue<string>(),
                target["Arn"]!.GetValue<string>(),
                target["Input"]?.GetValue<string>(),
                target["InputPath"]?.GetValue<string>()));
            var wire = new JsonObject { ["Id"] = target["Id"]!.DeepClone(), ["Arn"] = target["Arn"]!.DeepClone() };
            foreach (var key in new[] { "RoleArn", "Input", "InputPath" })
            {
                if (target[key] is { } value)
                {
                    wire[key] = value.DeepClone();
                }
            }

            wireTargets.Add(wire);
        }

        if (wireTargets.Count > 0 && !scheduleOnly)
        {
            await stack.Aws.CallAsync(AwsService.EventBridge, "PutTargets", new JsonObject { ["Rule"] = name, ["Targets"] = wireTargets }, cancellationToken)
                .ConfigureAwait(false);
        }

        stack.Rules.Add(new EventRule(logicalId, name, pattern, state == "ENABLED", targets));
        var arn = created["RuleArn"]?.GetValue<string>() ?? LocalAccount.Arn("events", $"rule/{name}");
        return new DeployedResource(logicalId, ResourceType, name, new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["Arn"] = arn });
    }
}
