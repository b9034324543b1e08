using System.Globalization;

using Automation.Core.Posture;
using Automation.Core.Segments;
using Automation.Functions.Contracts.Posture;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.Posture;

/// <summary>
/// <c>PreparePosture</c>: checks the execution's input (<c>{segments?, dryRun?, remediate?}</c>; an unknown field, an
/// unknown or key-prefix segment, a repeated name is an input error naming the field) and lists the managed tables in
/// scope, each with the segment its requirements come from (its table segment, else its first segment by name). The
/// run-wide settings are defaults.yaml's, with the stack's own roles (<c>role/&lt;stack&gt;-*</c>) exempt from the IAM
/// checks (the template tests hold them to least privilege). Pure over the runbooks folder.
/// </summary>
public sealed partial class PreparePostureHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<PreparePostureInput, PreparePostureOutput>(services)
{
    public const string StepName = "PreparePosture";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<PreparePostureOutput> RunAsync(PreparePostureInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        PostureRequest request = input.Request ?? new PostureRequest();
        SegmentCatalog catalog = runbooks.Catalog;
        IReadOnlyList<string>? segments = Validate(catalog, request.Segments);
        IReadOnlyList<PostureTableTarget> tables = Targets(catalog, segments);
        string runId = string.IsNullOrWhiteSpace(input.RunId) ? context.RequestId : input.RunId;
        DateTimeOffset startedAt = input.StartedAt is { Length: > 0 } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at : Services.Time.GetUtcNow();
        PostureDefaults d = catalog.Posture;
        List<string> exempt = [.. d.Settings.Exempt];
        if (!string.IsNullOrWhiteSpace(input.StackName))
        {
            exempt.Add($"arn:*:iam::*:role/{input.StackName}-*");
        }

        bool dryRun = request.DryRun ?? false;
        bool remediate = request.Remediate ?? false;
        string scope = PostureRunKeys.Scope(segments);
        LogPrepared(scope, tables.Count, dryRun, remediate);
        return Task.FromResult(new PreparePostureOutput(dryRun, remediate, segments, scope, runId, PostureRunKeys.RunKey(startedAt, runId), tables,
            new PostureRunSettings(d.Settings.QuotaWarnPercent, d.Settings.IndexQuota, d.Settings.TableQuota, exempt, d.Sample), catalog.Version));
    }

    /// <summary>The filter, checked: every name a table or index segment of the folder, no repeats.</summary>
    public static IReadOnlyList<string>? Validate(SegmentCatalog catalog, IReadOnlyList<string>? segments)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (segments is null)
        {
            return null;
        }

        if (segments.Count == 0)
        {
            throw InputError.Field("request.segments", "must name at least one segment (leave it out to check every managed table)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < segments.Count; i++)
        {
            string name = segments[i];
            if (!seen.Add(name))
            {
                throw InputError.Field($"request.segments[{i}]", $"names '{name}' twice");
            }

            SegmentDefinition? segment = catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
                ?? throw InputError.Field($"request.segments[{i}]",
                    $"'{name}' is not a segment of the runbooks folder (segments: {string.Join(", ", catalog.Segments.Select(s => s.Name))})");
            if (segment.Covers.KeyPrefix is not null)
            {
                throw InputError.Field($"request.segments[{i}]", $"'{name}' is a key-prefix segment: posture is judged per table (name its table's segment)");
            }
        }

        return segments;
    }

    /// <summary>The tables in scope (ordinal), each with the segment its requirements come from.</summary>
    public static IReadOnlyList<PostureTableTarget> Targets(SegmentCatalog catalog, IReadOnlyList<string>? segments)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        IEnumerable<SegmentDefinition> inScope = catalog.Segments.Where(s => s.Covers.KeyPrefix is null
            && (segments is null || segments.Contains(s.Name, StringComparer.Ordinal)));
        return [.. inScope.Select(s => s.Covers.Table).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(table => new PostureTableTarget(table, SegmentOf(catalog, table).Name))];
    }

    /// <summary>The table's segment, else its first segment by name.</summary>
    public static SegmentDefinition SegmentOf(SegmentCatalog catalog, string table)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        SegmentDefinition[] of = [.. catalog.Segments.Where(s => string.Equals(s.Covers.Table, table, StringComparison.Ordinal)).OrderBy(s => s.Name, StringComparer.Ordinal)];
        return of.FirstOrDefault(s => s.Covers.Index is null && s.Covers.KeyPrefix is null) ?? of.First();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture: scope {Scope}, {Tables} managed tables, dryRun {DryRun}, remediate {Remediate}")]
    private partial void LogPrepared(string scope, int tables, bool dryRun, bool remediate);
}
