using System.Text.Json;

using Automation.Functions.Metrics;
using Automation.Functions.Tests.Support;
using Automation.Tests.Fakes;

namespace Automation.Functions.Tests.Metrics;

/// <summary>EMF documents as CloudWatch Logs expects them, and refusal of batches it would drop.</summary>
public sealed class EmfMetricsWriterTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly MemoryLineSink _sink = new();

    [Fact]
    public void WritesOneEmfDocumentWithMetadataDimensionsMetricsAndProperties()
    {
        var writer = new EmfMetricsWriter(_sink, new FixedTimeProvider(Now));

        writer.Publish(new MetricBatch(
            "DynamoDbRunbooks",
            new Dictionary<string, string> { ["TableName"] = "Orders", ["Step"] = "PlanFix" },
            [new MetricDatum("FixesApplied", 1), new MetricDatum("PlanLatency", 12.5, "Milliseconds")],
            new Dictionary<string, string> { ["incidentId"] = "inc-7" }));

        var doc = _sink.SingleJson();
        var aws = doc.GetProperty("_aws");
        Assert.Equal(Now.ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("DynamoDbRunbooks", directive.GetProperty("Namespace").GetString());
        var dimensionSet = Assert.Single(directive.GetProperty("Dimensions").EnumerateArray());
        Assert.Equal(["TableName", "Step"], dimensionSet.EnumerateArray().Select(d => d.GetString()));
        var metrics = directive.GetProperty("Metrics").EnumerateArray()
            .Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString())).ToList();
        Assert.Equal([("FixesApplied", "Count"), ("PlanLatency", "Milliseconds")], metrics);
        Assert.Equal("Orders", doc.GetProperty("TableName").GetString());
        Assert.Equal("PlanFix", doc.GetProperty("Step").GetString());
        Assert.Equal(1, doc.GetProperty("FixesApplied").GetDouble());
        Assert.Equal(12.5, doc.GetProperty("PlanLatency").GetDouble());
        Assert.Equal("inc-7", doc.GetProperty("incidentId").GetString());
    }

    [Fact]
    public void NoDimensionsGivesOneEmptyDimensionSet()
    {
        new EmfMetricsWriter(_sink, new FixedTimeProvider(Now))
            .Publish(new MetricBatch("Ns", new Dictionary<string, string>(), [new MetricDatum("M", 3)]));

        var directive = _sink.SingleJson().GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal(JsonValueKind.Array, Assert.Single(directive.GetProperty("Dimensions").EnumerateArray()).ValueKind);
        Assert.Empty(directive.GetProperty("Dimensions")[0].EnumerateArray());
    }

    public static TheoryData<string, MetricBatch> InvalidBatches() => new()
    {
        { "empty namespace", Batch(ns: " ") },
        { "31 dimensions", Batch(dimensions: Enumerable.Range(0, 31).ToDictionary(i => $"D{i}", i => "v")) },
        { "101 metrics", Batch(metrics: Enumerable.Range(0, 101).Select(i => new MetricDatum($"M{i}", i)).ToArray()) },
        { "no metrics", Batch(metrics: []) },
        { "empty metric name", Batch(metrics: [new MetricDatum("", 1)]) },
        { "empty dimension name", Batch(dimensions: new Dictionary<string, string> { [""] = "v" }) },
        { "empty dimension value", Batch(dimensions: new Dictionary<string, string> { ["TableName"] = "" }) },
        { "unknown unit", Batch(metrics: [new MetricDatum("M", 1, "Requests")]) },
        { "NaN value", Batch(metrics: [new MetricDatum("M", double.NaN)]) },
        { "duplicate metric", Batch(metrics: [new MetricDatum("M", 1), new MetricDatum("M", 2)]) },
        { "metric named like a dimension", Batch(metrics: [new MetricDatum("TableName", 1)]) },
        { "reserved property", Batch(properties: new Dictionary<string, string> { ["_aws"] = "x" }) },
        { "256-character metric name", Batch(metrics: [new MetricDatum(new string('m', 256), 1)]) },
    };

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public void RefusesBatchesThatBreakTheEmfSpecificationAndWritesNothing(string problem, MetricBatch batch)
    {
        var writer = new EmfMetricsWriter(_sink, new FixedTimeProvider(Now));

        var error = Assert.Throws<ArgumentException>(() => writer.Publish(batch));

        Assert.Contains("Metric batch for namespace", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sink.Lines);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void AcceptsTheLimitsExactly()
    {
        var writer = new EmfMetricsWriter(_sink, new FixedTimeProvider(Now));

        writer.Publish(Batch(
            dimensions: Enumerable.Range(0, 30).ToDictionary(i => $"D{i}", i => "v"),
            metrics: Enumerable.Range(0, 100).Select(i => new MetricDatum($"M{i}", i)).ToArray()));

        var directive = _sink.SingleJson().GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal(30, directive.GetProperty("Dimensions")[0].GetArrayLength());
        Assert.Equal(100, directive.GetProperty("Metrics").GetArrayLength());
    }

    [Fact]
    public void MessageNamesTheLimitThatWasBroken()
    {
        var writer = new EmfMetricsWriter(_sink, new FixedTimeProvider(Now));

        var error = Assert.Throws<ArgumentException>(() =>
            writer.Publish(Batch(dimensions: Enumerable.Range(0, 31).ToDictionary(i => $"D{i}", i => "v"))));

        Assert.Contains("31 dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 30", error.Message, StringComparison.Ordinal);
    }

    private static MetricBatch Batch(
        string ns = "Ns",
        Dictionary<string, string>? dimensions = null,
        MetricDatum[]? metrics = null,
        Dictionary<string, string>? properties = null) =>
        new(ns, dimensions ?? new Dictionary<string, string> { ["TableName"] = "Orders" }, metrics ?? [new MetricDatum("M", 1)], properties);
}
