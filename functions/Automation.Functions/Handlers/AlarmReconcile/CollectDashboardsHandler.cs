using Automation.Core.Alarms;
using Automation.Functions.Contracts.AlarmReconcile;

namespace Automation.Functions.Handlers.AlarmReconcile;

/// <summary>
/// <c>CollectDashboards</c>: inside the Map over a ListDashboards page, reads one GetDashboard body for the suite's
/// marker (<see cref="DashboardMarker.TryRead"/>) and keeps only the name and the marker's fields (the body never
/// travels further: the state stays small however large foreign dashboards are); after the Map, appends the page's
/// inspected dashboards to those of the pages before and passes the page's NextToken on. Pure but for logs.
/// </summary>
public sealed partial class CollectDashboardsHandler(StepServices services)
    : StepHandler<CollectDashboardsInput, CollectDashboardsOutput>(services)
{
    public const string StepName = "CollectDashboards";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<CollectDashboardsOutput> RunAsync(CollectDashboardsInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        if (input.Dashboard is null && input.Inspected is null)
        {
            // The two calls the ASL makes: one GetDashboard answer inside the Map, or the Map's results after it.
            throw InputError.Field("dashboard", "is required (GetDashboard's answer, inside the Map), or 'inspected' (the Map's results, after it)");
        }

        var byName = new Dictionary<string, FoundDashboard>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(FoundDashboard d)
        {
            if (!byName.ContainsKey(d.DashboardName))
            {
                order.Add(d.DashboardName);
            }

            byName[d.DashboardName] = d;
        }

        IReadOnlyList<FoundDashboard> collected = input.Collected ?? [];
        for (int i = 0; i < collected.Count; i++)
        {
            Add(Checked(collected[i], $"collected[{i}]"));
        }

        IReadOnlyList<InspectedDashboards> inspected = input.Inspected ?? [];
        for (int i = 0; i < inspected.Count; i++)
        {
            IReadOnlyList<FoundDashboard> found = (inspected[i] ?? throw InputError.Field($"inspected[{i}]", "is null")).Dashboards ?? [];
            for (int j = 0; j < found.Count; j++)
            {
                Add(Checked(found[j], $"inspected[{i}].dashboards[{j}]"));
            }
        }

        if (input.Dashboard is { } got)
        {
            if (string.IsNullOrEmpty(got.DashboardName))
            {
                throw InputError.Field("dashboard.DashboardName", "is required (GetDashboard's answer)");
            }

            Add(Inspect(got.DashboardName, got.DashboardBody));
        }

        List<FoundDashboard> all = [.. order.Select(n => byName[n])];
        string? next = string.IsNullOrEmpty(input.Page?.NextToken) ? null : input.Page!.NextToken;
        int marked = all.Count(d => d.ManagedBy is not null);
        LogCollected(all.Count, marked, next is not null);
        return Task.FromResult(new CollectDashboardsOutput(all, next, next is not null, all.Count));
    }

    /// <summary>A dashboard's name and marker (from its body).</summary>
    public static FoundDashboard Inspect(string dashboardName, string? body)
    {
        ExistingDashboard d = ExistingDashboard.FromBody(dashboardName, body);
        return new FoundDashboard(d.DashboardName, d.Marker?.ManagedBy, d.Marker?.Segment);
    }

    private static FoundDashboard Checked(FoundDashboard? d, string field) =>
        d is null ? throw InputError.Field(field, "is null")
        : string.IsNullOrEmpty(d.DashboardName) ? throw InputError.Field(field + ".dashboardName", "is required")
        : d;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile: {Total} dashboards under the prefix collected ({Marked} with a suite marker), more pages {More}")]
    private partial void LogCollected(int total, int marked, bool more);
}
