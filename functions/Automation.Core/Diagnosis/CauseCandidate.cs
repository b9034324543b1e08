namespace Automation.Core.Diagnosis;

/// <summary>A possible cause with the throttle events that point at it; the diagnoser keeps the strongest.</summary>
/// <param name="Kind">The cause.</param>
/// <param name="IndexName">The resource it sits on (null: the table).</param>
/// <param name="Events">Throttle events attributed to it over the window.</param>
/// <param name="Operations">The operations those events throttled.</param>
/// <param name="Corroborated">Whether a second, independent signal agrees (utilisation, top keys, base-table throttles).</param>
/// <param name="Inferred">Whether it was inferred without reason-specific metrics (legacy or ThrottledRequests only).</param>
internal sealed record CauseCandidate(
    DiagnosisKind Kind,
    string? IndexName,
    double Events,
    ThrottledOperations Operations,
    bool Corroborated,
    bool Inferred)
{
    /// <summary>
    /// Tie-break order when two causes have the same number of events: causes that no table capacity change
    /// can fix come first, so an ambiguous tie never buys capacity that cannot help.
    /// </summary>
    public int Precedence => Kind switch
    {
        DiagnosisKind.AccountLimitReached => 0,
        DiagnosisKind.OnDemandMaximumReached => 1,
        DiagnosisKind.HotKey => 2,
        DiagnosisKind.GsiWriteBackPressure => 3,
        _ => 4,
    };

    public CauseCandidate Merge(CauseCandidate other) => this with
    {
        Events = Events + other.Events,
        Operations = Combine(Operations, other.Operations),
        Corroborated = Corroborated || other.Corroborated,
        Inferred = Inferred && other.Inferred,
    };

    public static ThrottledOperations Combine(ThrottledOperations a, ThrottledOperations b)
    {
        bool read = a is ThrottledOperations.Read or ThrottledOperations.ReadAndWrite || b is ThrottledOperations.Read or ThrottledOperations.ReadAndWrite;
        bool write = a is ThrottledOperations.Write or ThrottledOperations.ReadAndWrite || b is ThrottledOperations.Write or ThrottledOperations.ReadAndWrite;
        return From(read ? 1 : 0, write ? 1 : 0);
    }

    public static ThrottledOperations From(double readEvents, double writeEvents) => (readEvents > 0, writeEvents > 0) switch
    {
        (true, true) => ThrottledOperations.ReadAndWrite,
        (true, false) => ThrottledOperations.Read,
        (false, true) => ThrottledOperations.Write,
        _ => ThrottledOperations.None,
    };
}
