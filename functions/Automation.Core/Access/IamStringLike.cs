namespace Automation.Core.Access;

/// <summary>IAM's <c>StringLike</c> matching: <c>*</c> any run of characters (also none), <c>?</c> exactly one, everything else literal and case-sensitive.</summary>
public static class IamStringLike
{
    /// <summary>Does <paramref name="value"/> match <paramref name="pattern"/>? Linear-time (no backtracking blow-up).</summary>
    public static bool Matches(string value, string pattern)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(pattern);
        int v = 0, p = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == value[v])))
            {
                v++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Does <paramref name="value"/> match any of <paramref name="patterns"/>?</summary>
    public static bool MatchesAny(string value, IEnumerable<string> patterns) => patterns.Any(p => Matches(value, p));
}
