namespace Automation.Core.Triggers;

/// <summary>Deployment settings that shape normalisation.</summary>
/// <param name="AlarmTriggeredDryRun">Whether runs started by alarms are dry runs (template parameter AlarmTriggeredDryRun).</param>
public sealed record TriggerOptions(bool AlarmTriggeredDryRun);
