namespace Automation.Core.Diagnosis;

/// <summary>The outcome of <see cref="ThrottleDiagnoser.Diagnose(Facts.ThrottlingFacts)"/>: one cause, its evidence, and how sure.</summary>
/// <param name="Kind">The cause.</param>
/// <param name="TableName">The table.</param>
/// <param name="IndexName">The GSI the cause sits on (GSI back-pressure, GSI capacity, GSI hot key), or null for the table.</param>
/// <param name="Operations">Which operations the cause throttled.</param>
/// <param name="Confidence">How sure (see <see cref="Confidence"/>).</param>
/// <param name="Explanation">One sentence for the incident record.</param>
/// <param name="Evidence">The numbers behind it.</param>
/// <param name="HotKeys">Dominant keys from Contributor Insights on the diagnosed resource (may be empty).</param>
/// <param name="AlsoObserved">Other causes with throttle events in the window, largest first; not acted on.</param>
/// <param name="WindowStart">The facts window start.</param>
/// <param name="WindowEnd">The facts window end.</param>
public sealed record ThrottleDiagnosis(
    DiagnosisKind Kind,
    string TableName,
    string? IndexName,
    ThrottledOperations Operations,
    Confidence Confidence,
    string Explanation,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<HotKeyEvidence> HotKeys,
    IReadOnlyList<DiagnosisKind> AlsoObserved,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd);
