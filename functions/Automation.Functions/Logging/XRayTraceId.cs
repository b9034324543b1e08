namespace Automation.Functions.Logging;

/// <summary>
/// The trace id part of an X-Ray trace header (<c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=...;Sampled=1</c>),
/// which is what Powertools logs as <c>xray_trace_id</c>.
/// </summary>
public static class XRayTraceId
{
    public static string? RootOf(string? traceHeader)
    {
        if (string.IsNullOrWhiteSpace(traceHeader))
        {
            return null;
        }
        foreach (var part in traceHeader.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("Root=", StringComparison.Ordinal))
            {
                return part["Root=".Length..];
            }
        }
        // Not in the documented form: log it whole rather than lose it.
        return traceHeader;
    }
}
