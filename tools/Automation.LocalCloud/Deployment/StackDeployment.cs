namespace Automation.LocalCloud.Deployment;

/// <summary>A deployed stack: its resources by logical id, rules, functions and resolved outputs.</summary>
public sealed record StackDeployment(
    string Name,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, DeployedResource> Resources,
    IReadOnlyList<EventRule> Rules,
    IReadOnlyList<Routing.LocalFunction> Functions,
    IReadOnlyDictionary<string, string> Outputs,
    TimeSpan DeployTime)
{
    /// <summary>Of <see cref="DeployTime"/>, how long was spent waiting for the SAM translation.</summary>
    public TimeSpan TranslationWait { get; init; }

    /// <summary>How long each resource took to create, by logical id.</summary>
    public IReadOnlyDictionary<string, TimeSpan> CreationTimes { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>The stack's state machines (logical id, ARN, type), in creation order.</summary>
    public IReadOnlyList<LocalStateMachine> StateMachines { get; init; } = [];

    public DeployedResource Resource(string logicalId) =>
        Resources.TryGetValue(logicalId, out var resource)
            ? resource
            : throw new KeyNotFoundException($"Stack {Name} has no resource '{logicalId}' (has: {string.Join(", ", Resources.Keys)}).");

    /// <summary>The ARN of a state machine, by logical id.</summary>
    public string StateMachineArn(string logicalId)
    {
        var resource = Resource(logicalId);
        return resource.Type == "AWS::StepFunctions::StateMachine"
            ? resource.PhysicalId
            : throw new ArgumentException($"'{logicalId}' is a {resource.Type}, not a state machine.", nameof(logicalId));
    }
}
