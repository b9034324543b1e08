using Automation.Core.Posture;
using Automation.Core.Segments;
using Automation.Functions.Contracts.AlarmReconcile;
using Automation.Functions.Contracts.Posture;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.Posture;

/// <summary>
/// <c>EvaluatePosture</c>: every rule over the run's facts (<see cref="PostureEvaluator"/>; each table judged against
/// its segment's <c>posture</c> requirements), the findings as the output shows them, counts by severity, and the
/// remediations on offer (one per action and table; alarms per segment). Pure.
/// </summary>
public sealed partial class EvaluatePostureHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<EvaluatePostureInput, EvaluatePostureOutput>(services)
{
    public const string StepName = "EvaluatePosture";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<EvaluatePostureOutput> RunAsync(EvaluatePostureInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        PreparePostureOutput prepared = input.Prepared ?? throw InputError.Field("prepared", "is required (PreparePosture's output)");
        PostureAccountInput account = input.Account ?? throw InputError.Field("account", "is required");
        SegmentCatalog catalog = runbooks.Catalog;
        var tables = new List<TablePostureInput>();
        var missing = new List<string>();
        var unreadable = new List<PostureTableError>();
        IReadOnlyList<TableFactsResult> results = input.Tables ?? [];
        for (int i = 0; i < results.Count; i++)
        {
            TableFactsResult r = results[i] ?? throw InputError.Field($"tables[{i}]", "is null");
            if (r.Unreadable)
            {
                string? cause = r.Cause is { Length: > PostureTableError.MaxCauseLength } ? r.Cause[..PostureTableError.MaxCauseLength] + "..." : r.Cause;
                unreadable.Add(new PostureTableError(r.TableName, r.Segment, r.Error ?? throw InputError.Field($"tables[{i}].error", "is required for an unreadable table"), cause));
                continue;
            }

            if (r.Facts is null)
            {
                missing.Add(r.TableName);
                continue;
            }

            PostureRequirements requirements = catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, r.Segment, StringComparison.Ordinal))?.Posture
                ?? catalog.Posture.Requirements;
            tables.Add(new TablePostureInput(r.Facts, requirements));
        }

        IReadOnlyList<IamPolicyFact> policies = Policies(account.Iam, account.AwsManaged);
        PostureRunSettings s = prepared.Settings;
        var posture = new PostureInput(tables,
            new AccountPostureFacts(input.Region ?? "unknown", account.TableCount, policies, Alarms(account.Alarms ?? [])),
            new PostureSettings(s.QuotaWarnPercent, s.IndexQuota, s.TableQuota, s.ExemptPrincipals));
        PostureReport report = PostureEvaluator.Evaluate(posture);
        PostureFindingReport[] findings = [.. report.Findings.Select(Report)];
        var counts = report.CountsBySeverity.OrderByDescending(c => c.Key).ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal);
        LogEvaluated(tables.Count, findings.Length, missing.Count, unreadable.Count);
        return Task.FromResult(new EvaluatePostureOutput(findings, counts, missing, policies.Count, account.TableCount, Remediations(report.Findings), unreadable));
    }

    /// <summary>The output's shape of a finding.</summary>
    public static PostureFindingReport Report(PostureFinding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new PostureFindingReport(f.Key, f.Rule, f.Severity, f.Subject, f.Segment, f.Evidence, f.WhyItMatters, f.Fix, f.Remediation);
    }

    /// <summary>Every policy: the collected ones and the fetched AWS managed ones, attached per the collected attachments.</summary>
    public static IReadOnlyList<IamPolicyFact> Policies(IamCollected? iam, IReadOnlyList<FetchedPolicy>? awsManaged)
    {
        var all = new List<IamPolicyFact>(iam?.Policies ?? []);
        foreach (FetchedPolicy p in awsManaged ?? [])
        {
            if (p?.Document is { } doc && CollectIamPoliciesHandler.Document(doc) is { } text)
            {
                all.Add(new IamPolicyFact(p.PolicyArn, CollectIamPoliciesHandler.AttachedTo(iam?.Attachments ?? [], p.PolicyArn), text));
            }
        }

        return all;
    }

    /// <summary>Each alarm and every metric it reads (its own metric, or each metric of its math).</summary>
    public static IReadOnlyList<AlarmWatch> Alarms(IReadOnlyList<RawMetricAlarm> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        static IReadOnlyDictionary<string, string> Dims(IReadOnlyList<AlarmDimensionRequest>? d) =>
            (d ?? []).Where(x => x is not null).GroupBy(x => x.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return [.. alarms.Where(a => a?.AlarmName is not null).Select(a =>
        {
            var metrics = new List<WatchedMetric>();
            if (a.Namespace is { } ns && a.MetricName is { } name)
            {
                metrics.Add(new WatchedMetric(ns, name, Dims(a.Dimensions)));
            }

            foreach (RawAlarmQuery q in a.Metrics ?? [])
            {
                if (q?.MetricStat?.Metric is { Namespace: { } mns, MetricName: { } mname } m)
                {
                    metrics.Add(new WatchedMetric(mns, mname, Dims(m.Dimensions)));
                }
            }

            return new AlarmWatch(a.AlarmName!, metrics);
        })];
    }

    /// <summary>One remediation per action and table (alarms: per segment), with the findings it fixes.</summary>
    public static IReadOnlyList<PostureRemediationPlan> Remediations(IReadOnlyList<PostureFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return [.. findings
            .Where(f => f.Remediation is not null && f.Segment is not null && f.Subject.StartsWith("table/", StringComparison.Ordinal))
            .GroupBy(f => (Action: f.Remediation!.Value, Table: TableOf(f.Subject), Segment: f.Segment!))
            .OrderBy(g => g.Key.Action).ThenBy(g => g.Key.Table, StringComparer.Ordinal)
            .Select(g => new PostureRemediationPlan(g.Key.Action, g.Key.Table, g.Key.Segment, [.. g.Select(f => f.Key)]))];
    }

    /// <summary><c>table/Orders/index/ByCustomer</c> → <c>Orders</c>.</summary>
    public static string TableOf(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        string rest = subject["table/".Length..];
        int index = rest.IndexOf("/index/", StringComparison.Ordinal);
        return index < 0 ? rest : rest[..index];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture: {Tables} tables evaluated, {Findings} findings, {Missing} tables missing, {Unreadable} tables unreadable")]
    private partial void LogEvaluated(int tables, int findings, int missing, int unreadable);
}
