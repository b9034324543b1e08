namespace Automation.Core.Tuning;

/// <summary>What a closed incident says about its alarm's threshold.</summary>
public enum TuningOutcomeKind
{
    /// <summary>Nothing was wrong with DynamoDB (a false-alarm signal matched): the bar may be too low.</summary>
    FalseAlarm,

    /// <summary>The metric breached the threshold long before the alarm fired: the bar may be too high.</summary>
    Late,

    /// <summary>The alarm fired in time and the incident was mitigated: the threshold is right.</summary>
    Mitigated,

    /// <summary>No signal either way (failed, refused, dry run, not closed, manual run, ...): the tuner ignores it.</summary>
    Neutral,
}

/// <summary>One classified incident.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Kind">What it says about the threshold.</param>
/// <param name="At">When the alarm fired (the incident's mitigation clock start); compared with the last threshold change.</param>
/// <param name="Reason">One sentence, with the numbers that decided it.</param>
public sealed record TuningOutcome(string IncidentId, TuningOutcomeKind Kind, DateTimeOffset At, string Reason);
