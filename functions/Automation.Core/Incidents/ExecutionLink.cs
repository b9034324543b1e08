using Automation.Core.Errors;

namespace Automation.Core.Incidents;

/// <summary>
/// The Step Functions execution that owns an incident, and where to see it in the console.
/// </summary>
public sealed record ExecutionLink(string ExecutionArn, string Region, string ConsoleUrl)
{
    /// <summary>
    /// Parses <c>arn:{partition}:states:{region}:{account}:execution:{stateMachine}:{name}</c>
    /// (<c>express:</c> for Express workflows).
    /// </summary>
    /// <exception cref="AutomationException"><c>InvalidInput</c> naming <paramref name="field"/>.</exception>
    public static ExecutionLink FromArn(string? executionArn, string field = "executionArn")
    {
        var parts = executionArn?.Split(':');
        if (parts is not { Length: 8 } || parts[0] != "arn" || parts[2] != "states"
            || parts[5] is not ("execution" or "express") || parts.Any(string.IsNullOrEmpty))
        {
            throw InputError.Field(
                field,
                $"must be a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<stateMachine>:<name>), got '{executionArn}'");
        }

        var region = parts[3];
        var url = $"https://{region}.{ConsoleDomain(parts[1])}/states/home?region={region}#/v2/executions/details/{executionArn}";
        return new ExecutionLink(executionArn!, region, url);
    }

    private static string ConsoleDomain(string partition) => partition switch
    {
        "aws-cn" => "console.amazonaws.cn",
        "aws-us-gov" => "console.amazonaws-us-gov.com",
        _ => "console.aws.amazon.com",
    };
}
