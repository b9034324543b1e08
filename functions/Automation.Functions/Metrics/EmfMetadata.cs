namespace Automation.Functions.Metrics;

/// <summary>The <c>_aws</c> member of an EMF document: when, and which members are metrics.</summary>
public sealed record EmfMetadata(long Timestamp, IReadOnlyList<EmfMetricDirective> CloudWatchMetrics);

/// <summary>One MetricDirective: a namespace, its dimension sets, and the metric definitions.</summary>
public sealed record EmfMetricDirective(
    string Namespace,
    IReadOnlyList<IReadOnlyList<string>> Dimensions,
    IReadOnlyList<EmfMetricDefinition> Metrics);

/// <summary>Names a root member as a metric and gives its CloudWatch unit.</summary>
public sealed record EmfMetricDefinition(string Name, string Unit);

/// <summary>Source-generated serializer for the EMF metadata; EMF member names are PascalCase.</summary>
[JsonSerializable(typeof(EmfMetadata))]
internal sealed partial class EmfJsonContext : JsonSerializerContext;
