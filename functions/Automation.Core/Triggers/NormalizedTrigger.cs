namespace Automation.Core.Triggers;

/// <summary>
/// NormalizeTrigger's output. Exactly one of <see cref="Trigger"/> (when
/// <see cref="Actionable"/>) or <see cref="NotActionableReason"/> is set; <see cref="Summary"/>
/// is one sentence for people reading the execution.
/// </summary>
public sealed record NormalizedTrigger(
    bool Actionable,
    IncidentTrigger? Trigger,
    NotActionableReason? NotActionableReason,
    string Summary)
{
    public static NormalizedTrigger Accept(IncidentTrigger trigger, string summary) =>
        new(true, trigger, null, summary);

    public static NormalizedTrigger Decline(NotActionableReason reason, string summary) =>
        new(false, null, reason, summary);
}
