namespace Automation.LocalCloud.Deployment;

/// <summary>A state machine of a deployed stack: what the status events and the access API need to know of it.</summary>
/// <param name="Type"><c>STANDARD</c> or <c>EXPRESS</c> (Step Functions emits execution status events for Standard only).</param>
public sealed record LocalStateMachine(string StackName, string LogicalId, string Arn, string Name, string Type)
{
    public bool IsStandard => Type == "STANDARD";
}
