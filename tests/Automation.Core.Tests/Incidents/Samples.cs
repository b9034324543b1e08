using Automation.Core.Incidents;
using Automation.Core.Triggers;

namespace Automation.Core.Tests.Incidents;

internal static class Samples
{
    public static readonly DateTimeOffset AlarmFired = new(2026, 11, 21, 8, 15, 40, 989, TimeSpan.Zero);
    public static readonly DateTimeOffset Started = AlarmFired.AddSeconds(2);

    public static IncidentTrigger Alarm(bool dryRun = false, string key = "alarm:abc") =>
        new(TriggerSource.Alarm, "Orders", null, "ThrottledRequests", "ddb-automation-Orders", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ddb-automation-Orders",
            "eu-west-1", "123456789012", AlarmFired, "Threshold Crossed", null, key, dryRun);

    public static IncidentTrigger Manual(bool dryRun = true) =>
        new(TriggerSource.Manual, "Orders", null, null, null, null, null, null, null, "Checkout latency", "ops", "manual:xyz", dryRun);

    public static ExecutionLink Execution { get; } =
        ExecutionLink.FromArn("arn:aws:states:eu-west-1:123456789012:execution:ThrottlingResponse:run-1");

    public static Incident Open(IncidentTrigger? trigger = null) => IncidentLifecycle.Open(trigger ?? Alarm(), Execution, Started);

    public static VerificationRecord Verified(double minutesAfterAlarm, bool mitigated = true) =>
        new(AlarmFired.AddMinutes(minutesAfterAlarm), mitigated, "ok", null);

    public static ActionRecord Applied(string summary = "WCU 400 -> 1200") => new(summary, true, Started.AddMinutes(1), null, null);
}
