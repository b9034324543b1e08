namespace Automation.LocalCloud.Routing;

/// <summary>An AWS-style error answer from one of the router's own APIs.</summary>
public sealed class RouterException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}
