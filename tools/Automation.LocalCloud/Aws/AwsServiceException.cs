using System.Net;

namespace Automation.LocalCloud.Aws;

/// <summary>An error answer from the local cloud (moto or the router), by AWS error code.</summary>
public sealed class AwsServiceException(string service, string action, HttpStatusCode status, string code, string message)
    : Exception($"{service} {action}: {code}: {message}")
{
    public string Service { get; } = service;
    public string Action { get; } = action;
    public HttpStatusCode Status { get; } = status;

    /// <summary>The short error code, e.g. <c>ResourceNotFoundException</c> (namespace prefix removed).</summary>
    public string Code { get; } = code;
}
