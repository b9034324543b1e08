namespace Automation.Core.Incidents;

/// <summary>
/// The outcome check after acting: did the throttling stop? <paramref name="VerifiedAt"/> ends the
/// time-to-mitigate clock.
/// </summary>
public sealed record VerificationRecord(DateTimeOffset VerifiedAt, bool Mitigated, string? Summary, string? DetailJson);
