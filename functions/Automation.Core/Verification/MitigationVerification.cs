namespace Automation.Core.Verification;

/// <summary>The outcome of <see cref="MitigationVerifier.Verify"/>, with the numbers behind it.</summary>
/// <param name="Outcome">The verdict.</param>
/// <param name="Mitigated">Whether the incident counts as mitigated (only <see cref="MitigationOutcome.Mitigated"/>).</param>
/// <param name="TableName">The table.</param>
/// <param name="IndexName">The resource compared: the diagnosed GSI, or null for the table.</param>
/// <param name="Before">The rate in the diagnosis window (from the diagnosis evidence).</param>
/// <param name="After">The rate in the complete periods after the change.</param>
/// <param name="Thresholds">The rule applied.</param>
/// <param name="Summary">One sentence for the incident record.</param>
public sealed record MitigationVerification(
    MitigationOutcome Outcome,
    bool Mitigated,
    string TableName,
    string? IndexName,
    ThrottleRate Before,
    ThrottleRate After,
    VerificationThresholds Thresholds,
    string Summary);
