namespace Automation.LocalCloud.Routing;

/// <summary>A Lambda function of the deployed stack, as the router runs it: the <c>_HANDLER</c> name
/// selects the step in <see cref="Automation.Functions.Host.HandlerCatalog"/>, and the template's
/// environment variables are set while it runs.</summary>
public sealed record LocalFunction(
    string Name,
    string Arn,
    string Handler,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout);
