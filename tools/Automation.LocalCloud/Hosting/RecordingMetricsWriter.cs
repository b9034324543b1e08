using System.Collections.Concurrent;
using Automation.Functions.Metrics;

namespace Automation.LocalCloud.Hosting;

/// <summary>Keeps the metric batches handlers publish (EMF in Lambda) so tests can read them.</summary>
public sealed class RecordingMetricsWriter : IMetricsWriter
{
    private readonly ConcurrentQueue<MetricBatch> _batches = new();

    public IReadOnlyCollection<MetricBatch> Batches => _batches;

    public void Publish(MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _batches.Enqueue(batch);
    }
}
