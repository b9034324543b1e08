namespace Automation.Core.Alarms;

/// <summary>
/// The runbook (workflow) that answers an alarm: written into every suite alarm's description and marker, and read by
/// the trigger normaliser to route the run.
/// </summary>
public static class AlarmRunbooks
{
    /// <summary>Throttling and capacity alarms: <c>statemachines/throttling-response.asl.json</c>.</summary>
    public const string ThrottlingResponse = "throttling-response";

    /// <summary>Latency, error, contention and replication alarms: <c>statemachines/alarm-triage.asl.json</c>.</summary>
    public const string AlarmTriage = "alarm-triage";
}
