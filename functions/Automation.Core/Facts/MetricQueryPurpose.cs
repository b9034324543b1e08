namespace Automation.Core.Facts;

/// <summary>Why metrics are fetched: to diagnose (wide window, every signal) or to verify a fix (short window, throttle counts only).</summary>
public enum MetricQueryPurpose
{
    /// <summary>Before planning: throttle reasons, legacy throttle events and consumed capacity of the table and every GSI.</summary>
    Diagnose,

    /// <summary>After applying: the throttle counts only, to compare with the diagnosis window.</summary>
    Verify,
}
