using Automation.Core.Incidents;
using Automation.Core.Triggers;

namespace Automation.Aws.Tests.Incidents;

/// <summary>Triggers and incidents for store tests.</summary>
internal static class IncidentSamples
{
    public static readonly DateTimeOffset AlarmFired = new(2026, 11, 21, 8, 15, 40, 989, TimeSpan.Zero);

    public static IncidentTrigger AlarmTrigger(string table = "Orders", string? key = null, bool dryRun = false, DateTimeOffset? fired = null) =>
        new(
            TriggerSource.Alarm,
            table,
            null,
            "ThrottledRequests",
            $"ddb-automation-{table}-ThrottledRequests",
            $"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ddb-automation-{table}-ThrottledRequests",
            "eu-west-1",
            "123456789012",
            fired ?? AlarmFired,
            "Threshold Crossed",
            null,
            key ?? "alarm:" + Guid.NewGuid().ToString("N"),
            dryRun);

    public static ExecutionLink Execution(string name = "run-1") =>
        ExecutionLink.FromArn($"arn:aws:states:eu-west-1:123456789012:execution:ThrottlingResponse:{name}");

    public static Incident Opened(IncidentTrigger? trigger = null, DateTimeOffset? startedAt = null, string execution = "run-1") =>
        IncidentLifecycle.Open(trigger ?? AlarmTrigger(), Execution(execution), startedAt ?? AlarmFired.AddSeconds(2));
}
