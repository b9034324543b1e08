namespace Automation.Core.Guardrails;

/// <summary>Mode switch and on-demand maximum rules (YAML section <c>onDemand</c>).</summary>
/// <param name="SwitchFromProvisioned">When a provisioned → on-demand switch may be planned.</param>
/// <param name="MaxSwitchesPer24Hours">Switches allowed per rolling 24 h (DynamoDB allows at most 4).</param>
/// <param name="RaiseMaximum">Whether the planner may raise an on-demand maximum (OnDemandThroughput).</param>
/// <param name="MaxReadRequestUnits">Ceiling for an on-demand read maximum (RRU/s).</param>
/// <param name="MaxWriteRequestUnits">Ceiling for an on-demand write maximum (WRU/s).</param>
public sealed record OnDemandGuardrails(
    OnDemandSwitchPolicy SwitchFromProvisioned,
    int MaxSwitchesPer24Hours,
    bool RaiseMaximum,
    long MaxReadRequestUnits,
    long MaxWriteRequestUnits)
{
    /// <summary>DynamoDB's own limit on provisioned → on-demand switches per rolling 24 h.</summary>
    public const int DynamoDbSwitchLimitPer24Hours = 4;
}
