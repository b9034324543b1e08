using Automation.Functions.Metrics;

namespace Automation.Tests.Fakes;

/// <summary>A metrics writer that keeps every batch published (thread-safe), for asserting what a step emitted.</summary>
internal sealed class CapturingMetrics : IMetricsWriter
{
    private readonly List<MetricBatch> _batches = [];

    public IReadOnlyList<MetricBatch> Batches
    {
        get
        {
            lock (_batches)
            {
                return [.. _batches];
            }
        }
    }

    public void Publish(MetricBatch batch)
    {
        lock (_batches)
        {
            _batches.Add(batch);
        }
    }
}
