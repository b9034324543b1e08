namespace Automation.Core.Posture;

/// <summary>
/// One posture run as recorded (template.yaml: PostureRunsTable): its scope (which segments it covered), its key
/// within the scope (start time + execution name, so runs sort by time and a retried step rewrites nothing), every
/// finding's key (for the next run's diff), and the whole run report as JSON.
/// </summary>
/// <param name="Scope"><c>all</c>, or the run's segments sorted and comma-joined: runs compare only within a scope.</param>
/// <param name="RunKey"><c>&lt;startedAt ISO-8601&gt;#&lt;runId&gt;</c>.</param>
/// <param name="RunId">The execution's name.</param>
/// <param name="StartedAt">When the execution started.</param>
/// <param name="FindingKeys">Every finding's <see cref="PostureFinding.Key"/>.</param>
/// <param name="ReportJson">The run's report (findings, diff, counts, remediations) as JSON.</param>
public sealed record PostureRunRecord(string Scope, string RunKey, string RunId, DateTimeOffset StartedAt, IReadOnlyList<string> FindingKeys, string ReportJson);

/// <summary>Where posture runs are kept (Automation.Aws: DynamoDbPostureRunStore).</summary>
public interface IPostureRunStore
{
    /// <summary>Writes the run unless a run with its scope and key exists (a retried step); false when it was already there.</summary>
    Task<bool> SaveAsync(PostureRunRecord run, CancellationToken cancellationToken);

    /// <summary>The latest run of <paramref name="scope"/> whose key sorts before <paramref name="runKey"/>, or null.</summary>
    Task<PostureRunRecord?> PreviousAsync(string scope, string runKey, CancellationToken cancellationToken);

    /// <summary>The run with that scope and key, or null.</summary>
    Task<PostureRunRecord?> GetAsync(string scope, string runKey, CancellationToken cancellationToken);
}

/// <summary>How runs are keyed.</summary>
public static class PostureRunKeys
{
    /// <summary>The scope of every managed segment.</summary>
    public const string AllSegments = "all";

    /// <summary><c>all</c>, or the segments sorted (ordinal) and comma-joined.</summary>
    public static string Scope(IReadOnlyCollection<string>? segments) =>
        segments is null || segments.Count == 0 ? AllSegments : string.Join(",", segments.Order(StringComparer.Ordinal));

    /// <summary><c>&lt;startedAt, UTC, milliseconds&gt;#&lt;runId&gt;</c>: sorts by time.</summary>
    public static string RunKey(DateTimeOffset startedAt, string runId) =>
        startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) + "#" + runId;
}
