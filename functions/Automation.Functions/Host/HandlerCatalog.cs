using Automation.Functions.Handlers.AlarmReconcile;
using Automation.Functions.Handlers.AlarmTriage;
using Automation.Functions.Handlers.BreakGlass;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Handlers.Posture;
using Automation.Functions.Handlers.QueryRunbook;
using Automation.Functions.Handlers.ThresholdTuning;
using Automation.Functions.Handlers.ThrottlingResponse;

namespace Automation.Functions.Host;

/// <summary>
/// Every step the <c>bootstrap</c> can run, by <c>_HANDLER</c> name: the one list of steps. The runtime host, the local
/// cloud's Lambda router and the event-fixture test dispatch through it; the template tests hold template.yaml's
/// <c>Handler</c> values, the IAM expectations and the state machines' Retry policies to it.
/// </summary>
/// <remarks>
/// Each entry is a name and a factory, and a factory runs only when its step is created: the <c>bootstrap</c> builds
/// the one step <c>_HANDLER</c> names (<see cref="CreateStep(string?, StepServices)"/>). Building a handler resolves its
/// contracts' source-generated JSON metadata, which for all steps together was measured at ~17 ms of cold init
/// (docs/benchmarks-host.md).
/// </remarks>
public static class HandlerCatalog
{
    // One line per step, grouped by workflow.
    private static readonly Entry[] Entries =
    [
        // Shared by every workflow: the incident record.
        new(OpenIncidentHandler.StepName, static (s, d) => new OpenIncidentHandler(s, d.Incidents)),
        new(RecordIncidentStepHandler.StepName, static (s, d) => new RecordIncidentStepHandler(s, d.Incidents)),
        new(RequestApprovalHandler.StepName, static (s, d) => new RequestApprovalHandler(s, d.Incidents)),
        new(CloseIncidentHandler.StepName, static (s, d) => new CloseIncidentHandler(s, d.Incidents, d.Runbooks)),
        new(RecordIncidentFailureHandler.StepName, static (s, d) => new RecordIncidentFailureHandler(s, d.Incidents, d.Runbooks)),

        // throttling-response
        new(NormalizeTriggerHandler.StepName, static (s, d) => new NormalizeTriggerHandler(s, d.Triggers)),
        new(BuildMetricQueriesHandler.StepName, static (s, _) => new BuildMetricQueriesHandler(s)),
        new(DiagnoseHandler.StepName, static (s, _) => new DiagnoseHandler(s)),
        new(PlanHandler.StepName, static (s, d) => new PlanHandler(s, d.Runbooks)),
        new(RecheckPlanHandler.StepName, static (s, d) => new RecheckPlanHandler(s, d.Runbooks)),
        new(ApplyShardingHandler.StepName, static (s, d) => new ApplyShardingHandler(s, d.ShardRegistry)),
        new(VerifyMitigationHandler.StepName, static (s, _) => new VerifyMitigationHandler(s)),

        // query-runbook
        new(ValidateQueryHandler.StepName, static (s, d) => new ValidateQueryHandler(s, d.Runbooks)),
        new(CheckQuerySchemaHandler.StepName, static (s, d) => new CheckQuerySchemaHandler(s, d.Runbooks)),
        new(RunQueryHandler.StepName, static (s, d) => new RunQueryHandler(s, d.Runbooks, d.Queries)),
        new(RunBoundedScanHandler.StepName, static (s, d) => new RunBoundedScanHandler(s, d.Runbooks, d.Queries)),
        new(RecordQueryRunHandler.StepName, static (s, d) => new RecordQueryRunHandler(s, d.Incidents, d.Queries)),
        new(RecordQueryFailureHandler.StepName, static (s, d) => new RecordQueryFailureHandler(s, d.Incidents, d.Queries)),

        // break-glass
        new(HandleAccessActionHandler.StepName, static (s, d) => new HandleAccessActionHandler(s, d.Runbooks, d.Access)),
        new(StartAccessRequestHandler.StepName, static (s, d) => new StartAccessRequestHandler(s, d.Runbooks, d.Access)),
        new(AwaitAccessDecisionHandler.StepName, static (s, d) => new AwaitAccessDecisionHandler(s, d.Access)),
        new(PrepareGrantHandler.StepName, static (s, d) => new PrepareGrantHandler(s, d.Runbooks, d.Access)),
        new(PrepareExtensionHandler.StepName, static (s, d) => new PrepareExtensionHandler(s, d.Runbooks, d.Access)),
        new(RecordAccessOutcomeHandler.StepName, static (s, d) => new RecordAccessOutcomeHandler(s, d.Access)),
        new(PlanRevokeHandler.StepName, static (s, d) => new PlanRevokeHandler(s, d.Access)),
        new(JudgeSweptRoleHandler.StepName, static (s, d) => new JudgeSweptRoleHandler(s, d.Access)),

        // alarm-triage
        new(BuildTriageQueriesHandler.StepName, static (s, _) => new BuildTriageQueriesHandler(s)),
        new(TriageHandler.StepName, static (s, _) => new TriageHandler(s)),

        // alarm-reconcile
        new(PrepareAlarmReconcileHandler.StepName, static (s, d) => new PrepareAlarmReconcileHandler(s, d.Runbooks)),
        new(CollectAlarmsHandler.StepName, static (s, _) => new CollectAlarmsHandler(s)),
        new(CollectDashboardsHandler.StepName, static (s, _) => new CollectDashboardsHandler(s)),
        new(PlanAlarmReconcileHandler.StepName, static (s, d) => new PlanAlarmReconcileHandler(s, d.Runbooks)),
        new(FindOrphanAlarmsHandler.StepName, static (s, _) => new FindOrphanAlarmsHandler(s)),
        new(FinishAlarmReconcileHandler.StepName, static (s, d) => new FinishAlarmReconcileHandler(s, d.Runbooks)),

        // threshold-tuning (also uses alarm-reconcile's CollectAlarms)
        new(PrepareThresholdTuningHandler.StepName, static (s, d) => new PrepareThresholdTuningHandler(s, d.Runbooks, d.Incidents, d.ThresholdChanges)),
        new(SelectTuningAlarmsHandler.StepName, static (s, d) => new SelectTuningAlarmsHandler(s, d.Runbooks)),
        new(TuneAlarmHandler.StepName, static (s, d) => new TuneAlarmHandler(s, d.Runbooks, d.Incidents, d.ThresholdChanges)),
        new(RecordThresholdChangeHandler.StepName, static (s, d) => new RecordThresholdChangeHandler(s, d.ThresholdChanges)),
        new(ReportThresholdTuningHandler.StepName, static (s, _) => new ReportThresholdTuningHandler(s)),

        // posture (also uses alarm-reconcile's CollectAlarms)
        new(PreparePostureHandler.StepName, static (s, d) => new PreparePostureHandler(s, d.Runbooks)),
        new(CollectIamPoliciesHandler.StepName, static (s, _) => new CollectIamPoliciesHandler(s)),
        new(SampleItemSizesHandler.StepName, static (s, d) => new SampleItemSizesHandler(s, d.Runbooks, d.Queries)),
        new(BuildTableFactsHandler.StepName, static (s, d) => new BuildTableFactsHandler(s, d.Incidents)),
        new(EvaluatePostureHandler.StepName, static (s, d) => new EvaluatePostureHandler(s, d.Runbooks)),
        new(RequestPostureApprovalHandler.StepName, static (s, _) => new RequestPostureApprovalHandler(s)),
        new(RecordPostureHandler.StepName, static (s, d) => new RecordPostureHandler(s, d.PostureRuns)),
    ];

    /// <summary>Every step's name, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>The step <paramref name="name"/> alone, with the deployed configuration (<see cref="StepDependencies.FromEnvironment"/>).</summary>
    /// <exception cref="HandlerNotFoundException"><paramref name="name"/> is missing or names no step.</exception>
    public static IStepHandler CreateStep(string? name, StepServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var entry = Find(name);
        return Build(entry, services, StepDependencies.FromEnvironment(services));
    }

    /// <summary>The step <paramref name="name"/> alone, over the given stores and config.</summary>
    /// <exception cref="HandlerNotFoundException"><paramref name="name"/> is missing or names no step.</exception>
    public static IStepHandler CreateStep(string? name, StepServices services, StepDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dependencies);
        return Build(Find(name), services, dependencies);
    }

    /// <summary>Every step, with the deployed configuration (<see cref="StepDependencies.FromEnvironment"/>).</summary>
    public static IReadOnlyDictionary<string, IStepHandler> Create(StepServices services) =>
        Create(services, StepDependencies.FromEnvironment(services));

    /// <summary>Every step, over the given stores and config (the local cloud, tests).</summary>
    public static IReadOnlyDictionary<string, IStepHandler> Create(StepServices services, StepDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dependencies);
        return Entries.ToDictionary(e => e.Name, e => Build(e, services, dependencies), StringComparer.Ordinal);
    }

    private static Entry Find(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            foreach (var entry in Entries)
            {
                if (string.Equals(entry.Name, name, StringComparison.Ordinal))
                {
                    return entry;
                }
            }
        }

        var known = string.Join(", ", Names.Order(StringComparer.Ordinal));
        throw new HandlerNotFoundException(string.IsNullOrWhiteSpace(name)
            ? $"_HANDLER is not set. Set the function's Handler to one of: {known}."
            : $"No step named '{name}' in this bootstrap. Set the function's Handler to one of: {known}.");
    }

    private static IStepHandler Build(Entry entry, StepServices services, StepDependencies dependencies)
    {
        var handler = entry.Create(services, dependencies);
        return string.Equals(handler.Name, entry.Name, StringComparison.Ordinal)
            ? handler
            : throw new InvalidOperationException($"HandlerCatalog lists '{entry.Name}', but its factory built {handler.GetType().Name}, whose Name is '{handler.Name}'.");
    }

    private sealed record Entry(string Name, Func<StepServices, StepDependencies, IStepHandler> Create);
}
