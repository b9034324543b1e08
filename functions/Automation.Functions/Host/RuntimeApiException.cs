using System.Net;

namespace Automation.Functions.Host;

/// <summary>The Runtime API answered a call with an unexpected status.</summary>
public sealed class RuntimeApiException(string operation, HttpStatusCode status, string body)
    : Exception($"Runtime API {operation} answered {(int)status} {status}: {body}")
{
    public HttpStatusCode Status { get; } = status;
}
