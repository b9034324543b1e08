namespace Automation.Functions.Host;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>: its context and raw JSON payload.</summary>
public sealed record Invocation(InvocationContext Context, string Payload);
