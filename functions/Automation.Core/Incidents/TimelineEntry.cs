namespace Automation.Core.Incidents;

/// <summary>
/// One step of an incident's history. Entries are keyed by (<see cref="StartedAt"/>,
/// <see cref="Step"/>), so recording the same step twice (a retry) keeps one entry.
/// </summary>
/// <param name="Step">The workflow step, e.g. <c>Diagnose</c>.</param>
/// <param name="StartedAt">When the step started (UTC, millisecond precision).</param>
/// <param name="DurationMs">How long it ran.</param>
/// <param name="Ok">False when the step failed or its result was a failure.</param>
/// <param name="InputSummary">A short description of what the step was given.</param>
/// <param name="ResultJson">The step's result, JSON text, bounded in size.</param>
/// <param name="Error">The error name, when not ok.</param>
/// <param name="Cause">The error details, when not ok.</param>
public sealed record TimelineEntry(
    string Step,
    DateTimeOffset StartedAt,
    long DurationMs,
    bool Ok,
    string? InputSummary,
    string? ResultJson,
    string? Error,
    string? Cause);
