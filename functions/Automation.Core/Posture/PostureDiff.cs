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
    /// Only rules that ran this time can be "fixed": the previous findings about <paramref name="uncheckedTables"/>
    /// (tables whose facts this run could not read: their subject <c>table/&lt;name&gt;</c>, its indexes, or an IAM
    /// finding on the table's ARN) are left out, neither fixed nor still open.
    /// </summary>
    public static PostureDiffResult Compare(IReadOnlyCollection<string>? previousKeys, IReadOnlyList<PostureFinding> current, IReadOnlyCollection<string>? uncheckedTables = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        IReadOnlyCollection<string> skipped = uncheckedTables ?? [];
        var before = new HashSet<string>((previousKeys ?? []).Where(k => !skipped.Any(t => IsAbout(k, t))), StringComparer.Ordinal);
        var now = new HashSet<string>(current.Select(f => f.Key), StringComparer.Ordinal);
        return new PostureDiffResult(
            [.. current.Where(f => !before.Contains(f.Key))],
            [.. current.Where(f => before.Contains(f.Key))],
            [.. before.Where(k => !now.Contains(k)).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Is the finding key about the table: <c>table/&lt;name&gt;</c> preceded by a space, <c>:</c> or nothing, and followed by <c>/</c> or nothing.</summary>
    public static bool IsAbout(string key, string table)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(table);
        string needle = "table/" + table;
        for (int at = key.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = key.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            int end = at + needle.Length;
            bool starts = at == 0 || key[at - 1] is ' ' or ':';
            bool ends = end == key.Length || key[end] == '/';
            if (starts && ends)
            {
                return true;
            }
        }

        return false;
    }
}
