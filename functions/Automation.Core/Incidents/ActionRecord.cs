namespace Automation.Core.Incidents;

/// <summary>
/// What the workflow did (or, in a dry run, would have done).
/// </summary>
/// <param name="Summary">One line, e.g. "WCU 400 → 1200 on Orders".</param>
/// <param name="Applied">True only when a table was really changed.</param>
/// <param name="AppliedAt">When the change was made; required when <paramref name="Applied"/>.</param>
/// <param name="ModeChange">Set when the action switched the capacity mode (feeds the switch history).</param>
/// <param name="DetailJson">The apply step's full output, JSON text, or null.</param>
public sealed record ActionRecord(
    string Summary,
    bool Applied,
    DateTimeOffset? AppliedAt,
    CapacityModeChange? ModeChange,
    string? DetailJson);
