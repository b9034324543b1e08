using System.Globalization;

namespace Automation.Functions.Host;

/// <summary>
/// The clock the steps read (<see cref="StepServices.Time"/>): the system clock, except when a fixture is replayed
/// with <c>sam local invoke</c>. Then <c>AUTOMATION_CLOCK</c> (an ISO-8601 instant, e.g. the <c>now</c> of a fixture's
/// <c>.expected.json</c>) fixes the steps' wall clock at that instant, so the step answers what the fixture documents.
/// Honoured only when <c>AWS_SAM_LOCAL=true</c>, which SAM CLI sets inside its containers: anywhere else a set
/// <c>AUTOMATION_CLOCK</c> is an init error, so a deployed function can never run on a fake clock.
/// </summary>
/// <remarks>
/// The replayed wall clock is frozen at the instant rather than advancing from it: the fixtures assert exact instants
/// (<c>verifiedAt</c> is <c>now</c>), which a clock that had moved on by the milliseconds of init and of the SDK calls
/// would miss, and the in-process fixture test already runs every step on a frozen clock, so frozen is the behaviour
/// the expectations are proven against. Nothing measures time by reading the wall clock twice: timers and
/// <see cref="TimeProvider.GetTimestamp"/> stay real (only <see cref="TimeProvider.GetUtcNow"/> is replaced), so a
/// timeout on this clock still fires after real time. The invocation deadline never uses it: the Runtime API's deadline
/// is a real epoch, and the host (<see cref="RuntimeLoop"/>, <see cref="DeadlineCancellation"/>), the log timestamps and
/// the EMF timestamps run on the system clock.
/// </remarks>
public static class HostClock
{
    /// <summary>The replay instant, ISO-8601 (e.g. <c>2026-11-21T08:15:43Z</c>). Empty or unset: the system clock.</summary>
    public const string ClockVariable = "AUTOMATION_CLOCK";

    /// <summary>Set to <c>true</c> by SAM CLI in <c>sam local invoke</c> containers; never set by Lambda.</summary>
    public const string SamLocalVariable = "AWS_SAM_LOCAL";

    /// <summary><c>errorType</c> of the init error for an <c>AUTOMATION_CLOCK</c> that is refused or unreadable.</summary>
    public const string InvalidClockErrorType = "Runtime.InvalidClock";

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>The steps' clock for this process's environment.</summary>
    /// <exception cref="HostClockException"><c>AUTOMATION_CLOCK</c> is set outside <c>sam local invoke</c>, or is not an instant.</exception>
    public static TimeProvider FromEnvironment() => Resolve(Environment.GetEnvironmentVariable);

    /// <summary>The steps' clock for the environment <paramref name="variable"/> reads.</summary>
    /// <exception cref="HostClockException"><c>AUTOMATION_CLOCK</c> is set outside <c>sam local invoke</c>, or is not an instant.</exception>
    public static TimeProvider Resolve(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var value = variable(ClockVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return TimeProvider.System;
        }

        // Refused before it is parsed: outside SAM CLI no value of it is acceptable.
        if (!string.Equals(variable(SamLocalVariable), "true", StringComparison.Ordinal))
        {
            throw new HostClockException(
                $"{ClockVariable} is set ('{value}') but {SamLocalVariable} is not 'true': the replay clock is only for `sam local invoke`, " +
                $"and a deployed function never runs on a fake clock. Remove {ClockVariable} from the function's environment.");
        }

        if (!DateTimeOffset.TryParseExact(value.Trim(), InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            throw new HostClockException(
                $"{ClockVariable} is '{value}', not an ISO-8601 instant with an offset (e.g. 2026-11-21T08:15:43Z or 2026-11-21T09:15:43+01:00).");
        }

        return new Replay(instant.ToUniversalTime());
    }

    /// <summary>A wall clock frozen at <see cref="Instant"/>; timers and timestamps are the system's.</summary>
    public sealed class Replay(DateTimeOffset instant) : TimeProvider
    {
        public DateTimeOffset Instant { get; } = instant;

        public override DateTimeOffset GetUtcNow() => Instant;
    }
}
