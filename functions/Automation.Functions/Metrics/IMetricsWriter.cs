namespace Automation.Functions.Metrics;

/// <summary>Publishes business metrics (CloudWatch Embedded Metric Format in Lambda).</summary>
public interface IMetricsWriter
{
    void Publish(MetricBatch batch);
}

/// <summary>One EMF document: metrics sharing a namespace and one dimension set.</summary>
public sealed record MetricBatch(
    string Namespace,
    IReadOnlyDictionary<string, string> Dimensions,
    IReadOnlyList<MetricDatum> Metrics,
    IReadOnlyDictionary<string, string>? Properties = null);

/// <summary>A metric value; <see cref="Unit"/> is a CloudWatch unit name (Count, Milliseconds, ...).</summary>
public sealed record MetricDatum(string Name, double Value, string Unit = "Count");
