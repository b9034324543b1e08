using Automation.Functions.Metrics;

namespace Automation.Tests.Fakes;

/// <summary>A metrics writer that drops every batch, for tests that do not look at metrics.</summary>
internal sealed class DiscardMetrics : IMetricsWriter
{
    public void Publish(MetricBatch batch)
    {
    }
}
