namespace Automation.Core.Posture;

/// <summary>How one run's findings compare with the previous run's.</summary>
/// <param name="New">Findings whose key the previous run did not have.</param>
/// <param name="StillOpen">Findings whose key the previous run had too (their evidence is this run's).</param>
/// <param name="Fixed">Keys the previous run had and this one does not.</param>
public sealed record PostureDiffResult(IReadOnlyList<PostureFinding> New, IReadOnlyList<PostureFinding> StillOpen, IReadOnlyList<string> Fixed);

/// <summary>Compares posture runs by <see cref="PostureFinding.Key"/> (rule + subject).</summary>
public static class PostureDiff
{
    /// <summary>
    /// New / still open / fixed. With no previous run (<paramref name="previousKeys"/> null) every finding is new.
    /// Only rules that ran this time can be "fixed": pass the previous keys of the tables this run covered.
    /// </summary>
    public static PostureDiffResult Compare(IReadOnlyCollection<string>? previousKeys, IReadOnlyList<PostureFinding> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = new HashSet<string>(previousKeys ?? [], StringComparer.Ordinal);
        var now = new HashSet<string>(current.Select(f => f.Key), StringComparer.Ordinal);
        return new PostureDiffResult(
            [.. current.Where(f => !before.Contains(f.Key))],
            [.. current.Where(f => before.Contains(f.Key))],
            [.. before.Where(k => !now.Contains(k)).Order(StringComparer.Ordinal)]);
    }
}
