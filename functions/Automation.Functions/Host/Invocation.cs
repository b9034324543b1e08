namespace Automation.Functions.Host;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>: its context and raw payload (UTF-8 JSON, as sent).</summary>
public sealed record Invocation(InvocationContext Context, byte[] Payload);
