using System.Text;
using System.Text.Json;

using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Runbooks;
using Automation.Core.Segments;
using Automation.Core.Tests.Runbooks;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Alarms;

public sealed class DashboardTests
{
    private const string Ns = DashboardBuilder.SuiteNamespace;
    private static readonly AlarmOwner Owner = new("ddb-automation-", "stack-a");

    private static SegmentCatalog Catalog() => RunbookCatalogParser.Parse(RunbookFolders.Repository());

    private static SegmentDefinition Segment(string name) => Catalog().Segments.Single(s => s.Name == name);

    private static TableFacts OrdersWithGsis(int gsis) => new("Orders", ResourceStatus.Active, CapacityMode.Provisioned,
        new ProvisionedThroughputFacts(100, 50, 0, null, null), null,
        [.. Enumerable.Range(0, gsis).Select(i => new IndexFacts($"ByAttribute{i:D2}WithALongishIndexName", ResourceStatus.Active, new ProvisionedThroughputFacts(20, 20, 0, null, null), null))]);

    private static JsonElement[] Widgets(DashboardSpec spec) =>
        [.. JsonDocument.Parse(spec.DashboardBody).RootElement.GetProperty("widgets").EnumerateArray()];

    private static JsonElement Widget(DashboardSpec spec, string titleStart) =>
        Widgets(spec).Single(w => w.GetProperty("properties").TryGetProperty("title", out var t) && t.GetString()!.StartsWith(titleStart, StringComparison.Ordinal));

    /// <summary>Every plain metric of a widget as its array parts (namespace, name, dim, value, ...), the options object left off.</summary>
    private static List<string[]> Metrics(JsonElement widget) =>
        [.. widget.GetProperty("properties").GetProperty("metrics").EnumerateArray()
            .Select(m => m.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToArray())
            .Where(parts => parts.Length > 0)];

    private static string Expression(JsonElement widget) =>
        widget.GetProperty("properties").GetProperty("metrics")[0][0].GetProperty("expression").GetString()!;

    [Fact]
    public void TheTableDashboardGraphsThisSegmentsIncidentsTuningAndTriage()
    {
        DashboardSpec spec = DashboardBuilder.Build("ddb-automation-", Segment("orders"), "eu-west-1", Ns, "stack-a", OrdersWithGsis(2))!;

        Assert.Equal("ddb-automation-orders", spec.DashboardName);
        Assert.Equal($"SEARCH('{{{Ns},Segment,Status}} MetricName=\"IncidentsClosed\" Segment=\"orders\"', 'Sum', 3600)",
            Expression(Widget(spec, "Incidents closed by status")));
        List<string[]> ttm = Metrics(Widget(spec, "Time to mitigate"));
        Assert.Contains(ttm, m => m.SequenceEqual([Ns, "TimeToMitigate", "Segment", "orders"]));
        Assert.Contains(ttm, m => m.SequenceEqual([Ns, "TuningWindowTimeToMitigate", "Segment", "orders"]));
        List<string[]> tuning = Metrics(Widget(spec, "Threshold tuning"));
        Assert.Equal([[Ns, "ThresholdChanges", "Segment", "orders"], [Ns, "FalseAlarmRate", "Segment", "orders"]], tuning);
        Assert.Equal($"SEARCH('{{{Ns},Segment,Verdict}} MetricName=\"TriageVerdicts\" Segment=\"Orders\"', 'Sum', 3600)",
            Expression(Widget(spec, "Triage verdicts")));

        // The widgets that were there before stay.
        Assert.Equal(10, Metrics(Widget(spec, "Throttled events by reason")).Count(m => m[0] == "AWS/DynamoDB" && m[2] == "TableName" && m[3] == "Orders" && m.Length == 4));
        Assert.Contains(Metrics(Widget(spec, "Consumed vs provisioned")), m => m.SequenceEqual(["AWS/DynamoDB", "ProvisionedWriteCapacityUnits", "TableName", "Orders"]));
        Assert.All(Metrics(Widget(spec, "SuccessfulRequestLatency p99")), m => Assert.Equal(["AWS/DynamoDB", "SuccessfulRequestLatency", "TableName", "Orders", "Operation"], m[..5]));
        Assert.Contains(Metrics(Widget(spec, "Query-runbook consumed read units")), m => m.SequenceEqual([Ns, "QueryConsumedReadUnits", "Segment", "orders"]));

        // Each GSI of the described table, with its own dimension.
        List<string[]> gsiThrottles = Metrics(Widget(spec, "Each GSI: throttled"));
        Assert.Equal(4, gsiThrottles.Count);
        Assert.All(gsiThrottles, m => Assert.Equal("GlobalSecondaryIndexName", m[4]));
        Assert.Equal(4, Metrics(Widget(spec, "Each GSI: consumed")).Count);
    }

    [Fact]
    public void AnIndexSegmentsTriageDimensionIsTableSlashIndex()
    {
        DashboardSpec spec = DashboardBuilder.Build("ddb-automation-", Segment("orders-by-status"), "eu-west-1", Ns, "stack-a", OrdersWithGsis(3))!;

        Assert.Contains("Segment=\"Orders/ByStatus\"", Expression(Widget(spec, "Triage verdicts")), StringComparison.Ordinal);
        Assert.Contains("Segment=\"orders-by-status\"", Expression(Widget(spec, "Incidents closed by status")), StringComparison.Ordinal);
        Assert.DoesNotContain(Widgets(spec), w => w.GetProperty("properties").TryGetProperty("title", out var t) && t.GetString()!.StartsWith("Each GSI", StringComparison.Ordinal));
        Assert.All(Metrics(Widget(spec, "Throttled events by reason")), m => Assert.Equal(["TableName", "Orders", "GlobalSecondaryIndexName", "ByStatus"], m[2..]));
    }

    [Fact]
    public void ATableWithTwentyGsisStaysUnderCloudWatchsDashboardLimits()
    {
        DashboardSpec spec = DashboardBuilder.Build("ddb-automation-", Segment("orders"), "eu-west-1", Ns, "stack-a", OrdersWithGsis(20))!;
        JsonElement[] widgets = Widgets(spec);

        Assert.True(Encoding.UTF8.GetByteCount(spec.DashboardBody) < DashboardBuilder.MaxBodyBytes);
        Assert.True(Encoding.UTF8.GetByteCount(spec.DashboardBody) < 64 * 1024, $"{Encoding.UTF8.GetByteCount(spec.DashboardBody)} bytes");
        int metrics = widgets.Where(w => w.GetProperty("type").GetString() == "metric").Sum(w => w.GetProperty("properties").GetProperty("metrics").GetArrayLength());
        Assert.InRange(metrics, 80, DashboardBuilder.MaxMetricsPerDashboard);
        Assert.All(widgets.Where(w => w.GetProperty("type").GetString() == "metric"),
            w => Assert.InRange(w.GetProperty("properties").GetProperty("metrics").GetArrayLength(), 1, DashboardBuilder.MaxMetricsPerWidget));
        Assert.Equal(40, Metrics(Widget(spec, "Each GSI: throttled")).Count);

        // No two widgets overlap on the 24-column grid.
        var cells = new HashSet<(int, int)>();
        foreach (JsonElement w in widgets)
        {
            int x = w.GetProperty("x").GetInt32(), y = w.GetProperty("y").GetInt32();
            for (int i = x; i < x + w.GetProperty("width").GetInt32(); i++)
            {
                for (int j = y; j < y + w.GetProperty("height").GetInt32(); j++)
                {
                    Assert.True(cells.Add((i, j)), $"widgets overlap at {i},{j}");
                }
            }
        }
    }

    [Fact]
    public void TheBodyCarriesTheStacksMarker()
    {
        DashboardSpec spec = DashboardBuilder.Build("ddb-automation-", Segment("orders"), "eu-west-1", Ns, "stack-a")!;

        Assert.True(DashboardMarker.TryRead(spec.DashboardBody, out var marker));
        Assert.Equal(new DashboardMarker("stack-a", "orders"), marker);
        Assert.False(DashboardMarker.TryRead(DashboardBuilder.Build("ddb-automation-", Segment("orders"), "eu-west-1", Ns)!.DashboardBody, out _));
        Assert.False(DashboardMarker.TryRead("not json", out _));
        Assert.False(DashboardMarker.TryRead("{\"widgets\":[{\"type\":\"metric\",\"properties\":{\"markdown\":\"[ddb-automation] managed-by=stack-a; dashboard=x\"}}]}", out _));
        Assert.False(DashboardMarker.TryRead("{\"widgets\":[{\"type\":\"text\",\"properties\":{\"markdown\":\"[ddb-automation] managed-by=stack-a\"}}]}", out _));
    }

    [Fact]
    public void MarkerRoundTripsForAnyStackAndSegmentName()
    {
        Gen<string> names = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-_.ABC".ToCharArray()).ArrayOf().Where(a => a.Length is > 0 and < 40).Select(a => new string(a));
        Prop.ForAll(names.ToArbitrary(), names.ToArbitrary(), (stack, segment) =>
        {
            string body = JsonSerializer.Serialize(new { widgets = new[] { new { type = "text", properties = new { markdown = "# title\n" + DashboardMarker.Format(stack, segment) } } } });
            return DashboardMarker.TryRead(body, out var m) && m == new DashboardMarker(stack, segment);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OnlyTheSuitesDashboardsOfRemovedSegmentsAreDeleted()
    {
        SegmentCatalog catalog = Catalog();
        ExistingDashboard[] existing =
        [
            new("ddb-automation-orders", new DashboardMarker("stack-a", "orders")),
            new("ddb-automation-retired", new DashboardMarker("stack-a", "retired")),
            new("ddb-automation-team-board", null),
            new("ddb-automation-other", new DashboardMarker("stack-b", "other")),
            new("team-retired", new DashboardMarker("stack-a", "retired")),
        ];

        Assert.Equal(["ddb-automation-retired"], DashboardReconciler.Deletes(catalog, existing, Owner));
        Assert.Empty(DashboardReconciler.Deletes(catalog, existing, Owner, ["orders"]));
        Assert.Equal(["ddb-automation-retired"], DashboardReconciler.Deletes(catalog, existing, Owner, ["retired"]));
    }

    [Fact]
    public void ASegmentWhoseAlarmsAreDisabledLosesItsDashboard()
    {
        SegmentCatalog catalog = Catalog();
        SegmentDefinition orders = catalog.Segments.Single(s => s.Name == "orders");
        SegmentCatalog disabled = catalog with
        {
            Segments = [.. catalog.Segments.Select(s => s.Name == "orders" ? s with { Alarms = s.Alarms! with { Enabled = false } } : s)],
        };
        ExistingDashboard mine = ExistingDashboard.FromBody("ddb-automation-orders", DashboardBuilder.Build("ddb-automation-", orders, "eu-west-1", Ns, "stack-a")!.DashboardBody);

        Assert.Empty(DashboardReconciler.Deletes(catalog, [mine], Owner));
        Assert.Equal(["ddb-automation-orders"], DashboardReconciler.Deletes(disabled, [mine], Owner));
    }

    [Fact]
    public void DashboardDeletesNeverTouchForeignOrWantedDashboardsAndConverge()
    {
        SegmentCatalog catalog = Catalog();
        string[] segments = [.. catalog.Segments.Select(s => s.Name), "retired", "gone-too", "team"];
        Prop.ForAll(Gen.Choose(0, 1 << 20).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var existing = new List<ExistingDashboard>();
            foreach (string segment in segments)
            {
                string name = random.Next(5) == 0 ? "team-" + segment : DashboardBuilder.Name(Owner.AlarmNamePrefix, segment);
                DashboardMarker? marker = random.Next(4) switch
                {
                    0 => null,
                    1 => new DashboardMarker("stack-b", segment),
                    _ => new DashboardMarker(Owner.ManagedBy, segment),
                };
                existing.Add(new ExistingDashboard(name, marker));
            }

            IReadOnlyList<string>? filter = random.Next(3) == 0 ? [segments[random.Next(segments.Length)]] : null;
            IReadOnlyList<string> deletes = DashboardReconciler.Deletes(catalog, existing, Owner, filter);
            var wanted = catalog.Segments.Where(s => s.Alarms is { Enabled: true }).Select(s => DashboardBuilder.Name(Owner.AlarmNamePrefix, s.Name)).ToHashSet();
            bool safe = deletes.All(d => existing.Single(e => e.DashboardName == d) is { Marker.ManagedBy: "stack-a" } e
                && e.DashboardName.StartsWith("ddb-automation-", StringComparison.Ordinal)
                && !wanted.Contains(d)
                && (filter is null || filter.Contains(e.Marker!.Segment)));
            bool converges = DashboardReconciler.Deletes(catalog, existing.Where(e => !deletes.Contains(e.DashboardName)), Owner, filter).Count == 0;
            return safe && converges;
        }).QuickCheckThrowOnFailure();
    }
}
