using System.Buffers;
using System.Text.Json;

using Automation.Functions.Logging;

namespace Automation.Functions.Metrics;

/// <summary>
/// Publishes metric batches as CloudWatch Embedded Metric Format documents: one JSON line on the
/// log stream, which CloudWatch Logs turns into metrics. The <c>_aws</c> metadata is serialized
/// by a source-generated context; dimension, metric and property members have open-ended names
/// and are written directly.
/// </summary>
public sealed class EmfMetricsWriter(ILogLineSink sink, TimeProvider time) : IMetricsWriter
{
    /// <exception cref="ArgumentException">The batch breaks an EMF rule (see <see cref="EmfLimits"/>).</exception>
    public void Publish(MetricBatch batch)
    {
        EmfLimits.Validate(batch);

        var metadata = new EmfMetadata(
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            [
                new EmfMetricDirective(
                    batch.Namespace,
                    [batch.Dimensions.Keys.ToArray()],
                    batch.Metrics.Select(m => new EmfMetricDefinition(m.Name, m.Unit)).ToArray()),
            ]);

        var bytes = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(bytes))
        {
            json.WriteStartObject();
            json.WritePropertyName(EmfLimits.MetadataKey);
            JsonSerializer.Serialize(json, metadata, EmfJsonContext.Default.EmfMetadata);
            foreach (var (name, value) in batch.Dimensions)
            {
                json.WriteString(name, value);
            }
            foreach (var metric in batch.Metrics)
            {
                json.WriteNumber(metric.Name, metric.Value);
            }
            foreach (var (name, value) in batch.Properties ?? new Dictionary<string, string>())
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }
        bytes.Write("\n"u8);
        sink.Write(bytes.WrittenSpan);
    }
}
