using System.Globalization;
using System.Text.Json;

using Automation.Core.Posture;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.Posture;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Metrics;

namespace Automation.Functions.Handlers.Posture;

/// <summary>
/// <c>RecordPosture</c>: the diff against the previous run of the same scope (<see cref="PostureDiff"/>: new / still
/// open / fixed, by rule + subject), the run record (PostureRunsTable: every finding, the diff and each remediation;
/// written once per run key, so a retried step writes nothing new; a dry run records nothing), the EMF metric
/// <see cref="FindingsMetric"/> per segment and severity (dimensions <c>Segment</c>, <c>Severity</c>; account-wide
/// findings under <c>Segment=account</c>), and the execution's output.
/// </summary>
public sealed partial class RecordPostureHandler(StepServices services, PostureRunStoreProvider runs)
    : StepHandler<RecordPostureInput, PostureRunReport>(services)
{
    public const string StepName = "RecordPosture";
    public const string FindingsMetric = "PostureFindings";
    public const string AccountSegment = "account";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => [ErrorTypes.TransientDependencyError, ErrorTypes.DeadlineExceeded];

    protected override async Task<PostureRunReport> RunAsync(RecordPostureInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        PreparePostureOutput prepared = input.Prepared ?? throw InputError.Field("prepared", "is required (PreparePosture's output)");
        EvaluatePostureOutput evaluation = input.Evaluation ?? throw InputError.Field("evaluation", "is required (EvaluatePosture's output)");
        PostureRunRecord? previous = await runs.Store.PreviousAsync(prepared.Scope, prepared.RunKey, cancellationToken).ConfigureAwait(false);
        PostureRunReport report = Report(prepared, evaluation, Remediations(evaluation, input.RemediationOutcome, input.Remediations), previous, recorded: !prepared.DryRun);
        if (!prepared.DryRun)
        {
            string json = JsonSerializer.Serialize(report, StepJsonContext.Default.PostureRunReport);
            DateTimeOffset startedAt = DateTimeOffset.Parse(prepared.RunKey[..prepared.RunKey.IndexOf('#', StringComparison.Ordinal)], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            bool written = await runs.Store.SaveAsync(
                new PostureRunRecord(prepared.Scope, prepared.RunKey, prepared.RunId, startedAt, [.. evaluation.Findings.Select(f => f.Key)], json), cancellationToken).ConfigureAwait(false);
            if (!written)
            {
                LogAlreadyRecorded(prepared.RunKey);
            }
        }

        foreach (MetricBatch batch in Metrics(report, prepared))
        {
            Services.Metrics.Publish(batch);
        }

        LogRecorded(prepared.Scope, report.Total, report.Diff.New.Count, report.Diff.Fixed.Count, report.Recorded);
        return report;
    }

    /// <summary>The run's report: counts, the diff against <paramref name="previous"/>, findings by segment and account-wide.</summary>
    public static PostureRunReport Report(PreparePostureOutput prepared, EvaluatePostureOutput evaluation, IReadOnlyList<PostureRemediationResult> remediations, PostureRunRecord? previous, bool recorded)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(remediations);
        PostureFinding[] findings = [.. evaluation.Findings.Select(f => new PostureFinding(f.Rule, f.Severity, f.Subject, f.Segment, f.Evidence, f.Why, f.Fix, f.Remediation))];
        IReadOnlyList<PostureTableError> unreadable = evaluation.UnreadableTables ?? [];
        PostureDiffResult diff = PostureDiff.Compare(previous?.FindingKeys, findings, [.. unreadable.Select(t => t.TableName)]);
        PostureSegmentReport[] segments = [.. prepared.Tables.Select(t => t.Segment).Concat(evaluation.Findings.Select(f => f.Segment).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(segment =>
            {
                PostureFindingReport[] of = [.. evaluation.Findings.Where(f => string.Equals(f.Segment, segment, StringComparison.Ordinal))];
                return new PostureSegmentReport(segment, [.. prepared.Tables.Where(t => t.Segment == segment).Select(t => t.TableName)], Counts(of), of);
            })];
        PostureFindingReport[] account = [.. evaluation.Findings.Where(f => f.Segment is null)];
        var flagged = account.Concat(evaluation.Findings.Where(f => f.Rule == PostureRule.UnconditionedTableAccess))
            .Where(f => f.Subject.Contains('#', StringComparison.Ordinal))
            .GroupBy(f => f.Subject[..f.Subject.LastIndexOf('#')], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(f => f.Rule.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        return new PostureRunReport(
            prepared.RunId, prepared.Scope, prepared.DryRun, prepared.Remediate, recorded, previous?.RunId,
            evaluation.Findings.Count, Counts(evaluation.Findings),
            new PostureDiffReport([.. diff.New.Select(f => f.Key)], [.. diff.StillOpen.Select(f => f.Key)], diff.Fixed),
            segments,
            new PostureAccountReport(evaluation.TableCount, evaluation.PoliciesChecked, account, flagged),
            evaluation.MissingTables, remediations, prepared.RunbooksVersion, unreadable);
    }

    /// <summary>
    /// Each remediation on offer with what happened to it: its result when applied, else the run's outcome
    /// (NotRequested, DryRun, Rejected, TimedOut). An unknown outcome is an input error.
    /// </summary>
    public static IReadOnlyList<PostureRemediationResult> Remediations(EvaluatePostureOutput evaluation, string? outcome, IReadOnlyList<PostureRemediationResult>? applied)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        string o = outcome ?? "NotRequested";
        if (o is not ("NotRequested" or "DryRun" or "Rejected" or "TimedOut" or "Applied"))
        {
            throw InputError.Field("remediationOutcome", $"must be NotRequested, DryRun, Rejected, TimedOut or Applied (got '{o}')");
        }

        return [.. evaluation.Remediations.Select(p =>
            (o == "Applied" ? applied?.FirstOrDefault(r => r is not null && r.Action == p.Action && r.TableName == p.TableName && r.Segment == p.Segment) : null)
            ?? new PostureRemediationResult(p.Action, p.TableName, p.Segment, o == "Applied" ? "Failed" : o, o == "Applied" ? "no result" : null))];
    }

    /// <summary>Findings by severity, most severe first, every severity present.</summary>
    public static IReadOnlyDictionary<string, int> Counts(IReadOnlyCollection<PostureFindingReport> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return Enum.GetValues<PostureSeverity>().OrderByDescending(s => s)
            .ToDictionary(s => s.ToString(), s => findings.Count(f => f.Severity == s), StringComparer.Ordinal);
    }

    /// <summary>One EMF document per segment (and <c>account</c>) and severity: how many findings.</summary>
    public static IReadOnlyList<MetricBatch> Metrics(PostureRunReport report, PreparePostureOutput prepared)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(prepared);
        string ns = IncidentMetrics.Namespace();
        IEnumerable<(string Segment, IReadOnlyDictionary<string, int> Counts)> groups =
            report.Segments.Select(s => (s.Segment, s.Counts)).Append((AccountSegment, Counts(report.Account.Findings)));
        return [.. groups.SelectMany(g => g.Counts.Select(c => new MetricBatch(ns,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Segment"] = g.Segment, ["Severity"] = c.Key },
            [new MetricDatum(FindingsMetric, c.Value)],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["workflow"] = "posture", ["runId"] = prepared.RunId, ["scope"] = prepared.Scope })))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture run already recorded under {RunKey}: nothing new written")]
    private partial void LogAlreadyRecorded(string runKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture ({Scope}): {Total} findings, {New} new, {Fixed} fixed, recorded {Recorded}")]
    private partial void LogRecorded(string scope, int total, int @new, int @fixed, bool recorded);
}
