using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Routing;

namespace Automation.LocalCloud.Deployment;

/// <summary>What resource creators work with while one stack is deployed.</summary>
public sealed class StackContext(string stackName, AwsClient aws, FunctionHost functions, ContributorInsights insights)
{
    public string StackName { get; } = stackName;
    public AwsClient Aws { get; } = aws;
    public FunctionHost Functions { get; } = functions;
    public ContributorInsights Insights { get; } = insights;
    public List<EventRule> Rules { get; } = [];
    public List<LocalFunction> LambdaFunctions { get; } = [];
    public List<LocalStateMachine> StateMachines { get; } = [];

    /// <summary>A name for a resource the template leaves unnamed. CloudFormation appends a random
    /// suffix; here names are stable (<c>stack-LogicalId</c>) so runs are reproducible and readable.</summary>
    public string PhysicalName(string logicalId, int maxLength)
    {
        var name = $"{StackName}-{logicalId}";
        return name.Length <= maxLength ? name : name[..maxLength];
    }
}
