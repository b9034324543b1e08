using System.Diagnostics;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Deployment.Resources;
using Automation.LocalCloud.Hosting;

namespace Automation.LocalCloud.Deployment;

/// <summary>
/// Creates a translated template's resources in the local cloud, in dependency order, each through
/// the creator for its type. Generic over the template: nothing here names a resource of ours.
/// </summary>
public sealed class StackDeployer
{
    private readonly Dictionary<string, IResourceCreator> _creators;

    public StackDeployer(IEnumerable<IResourceCreator>? creators = null)
    {
        _creators = (creators ?? DefaultCreators()).ToDictionary(c => c.ResourceType, StringComparer.Ordinal);
    }

    public static IEnumerable<IResourceCreator> DefaultCreators() =>
    [
        new DynamoDbTableCreator(),
        new IamRoleCreator(),
        new IamManagedPolicyCreator(),
        new IamPolicyCreator(),
        new LambdaFunctionCreator(),
        new StateMachineCreator(),
        new EventRuleCreator(),
        new CloudWatchAlarmCreator(),
        new LogGroupCreator(),
        new SqsQueueCreator(),
        new SqsQueuePolicyCreator(),
        new SnsTopicCreator(),
        new S3BucketCreator(),
        new S3BucketPolicyCreator(),
        .. NoLocalEffectCreator.Types.Select(t => new NoLocalEffectCreator(t)),
    ];

    public async Task<StackDeployment> DeployAsync(JsonObject template, IReadOnlyDictionary<string, string> parameterOverrides, StackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameterOverrides);
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var resources = template["Resources"] as JsonObject ?? throw new LocalCloudException("The template has no Resources.");
        var unsupported = resources
            .Select(r => r.Value?["Type"]?.GetValue<string>() ?? "?")
            .Where(t => !_creators.ContainsKey(t))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unsupported.Count > 0)
        {
            throw new LocalCloudException(
                $"The local cloud cannot create {string.Join(", ", unsupported)} yet: add an IResourceCreator in " +
                "tools/Automation.LocalCloud/Deployment/Resources/ and list it in StackDeployer.DefaultCreators.");
        }

        var parameters = StackParameters.Resolve(template, parameterOverrides);
        var created = new Dictionary<string, DeployedResource>(StringComparer.Ordinal);
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var resolver = new IntrinsicResolver(context.StackName, parameters, template, id => created.GetValueOrDefault(id));
        foreach (var logicalId in CreationOrder.Of(resources))
        {
            var resource = resources[logicalId]!;
            if (resource["Condition"]?.GetValue<string>() is { } condition && !resolver.Condition(condition))
            {
                continue;
            }

            var type = resource["Type"]!.GetValue<string>();
            try
            {
                var started = clock.Elapsed;
                var properties = resolver.Resolve(resource["Properties"]) as JsonObject ?? [];
                created[logicalId] = await _creators[type].CreateAsync(logicalId, properties, context, cancellationToken).ConfigureAwait(false);
                times[logicalId] = clock.Elapsed - started;
            }
            catch (Exception error) when (error is not OperationCanceledException and not LocalCloudException)
            {
                throw new LocalCloudException($"Creating {logicalId} ({type}) failed: {error.Message}", error);
            }
        }

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, output) in template["Outputs"] as JsonObject ?? [])
        {
            if (output?["Condition"]?.GetValue<string>() is { } condition && !resolver.Condition(condition))
            {
                continue;
            }

            outputs[name] = resolver.ResolveString(output?["Value"], $"Output {name}");
        }

        return new StackDeployment(
            context.StackName,
            parameters.ToDictionary(p => p.Key, p => p.Value is JsonArray list ? string.Join(",", list) : p.Value?.ToString() ?? string.Empty, StringComparer.Ordinal),
            created,
            context.Rules.ToList(),
            context.LambdaFunctions.ToList(),
            outputs,
            clock.Elapsed)
        {
            CreationTimes = times,
            StateMachines = context.StateMachines.ToList(),
        };
    }
}
