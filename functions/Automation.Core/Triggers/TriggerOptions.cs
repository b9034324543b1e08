namespace Automation.Core.Triggers;

/// <summary>Deployment settings that shape normalisation.</summary>
/// <param name="AlarmTriggeredDryRun">Whether runs started by alarms are dry runs (template parameter AlarmTriggeredDryRun).</param>
public sealed record TriggerOptions(bool AlarmTriggeredDryRun)
{
    /// <summary>
    /// The suite's alarm-name prefix (template parameter AlarmNamePrefix). An alarm whose name starts with it and whose
    /// description carries a valid <see cref="Alarms.AlarmMarker"/> is read from the marker (metric-math alarms too).
    /// Null or empty: no alarm is read from a marker.
    /// </summary>
    public string? AlarmNamePrefix { get; init; }
}
