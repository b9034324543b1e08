namespace Automation.Functions.Metrics;

/// <summary>
/// Checks a <see cref="MetricBatch"/> against the CloudWatch Embedded Metric Format specification
/// before it is written: CloudWatch drops a document that breaks these rules silently, so a bad
/// batch is refused here, loudly, with what is wrong.
/// </summary>
public static class EmfLimits
{
    public const int MaxDimensions = 30;
    public const int MaxMetrics = 100;
    public const int MaxNameLength = 255;
    public const int MaxDimensionValueLength = 1024;

    /// <summary>Member name EMF reserves for its metadata.</summary>
    public const string MetadataKey = "_aws";

    /// <exception cref="ArgumentException">The batch breaks an EMF rule; the message says which.</exception>
    public static void Validate(MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        RequireName(batch.Namespace, "namespace", batch.Namespace);
        var ns = batch.Namespace;

        if (batch.Dimensions.Count > MaxDimensions)
        {
            throw Invalid(ns, $"has {batch.Dimensions.Count} dimensions; EMF allows at most {MaxDimensions} per dimension set");
        }
        if (batch.Metrics.Count == 0)
        {
            throw Invalid(ns, "has no metrics");
        }
        if (batch.Metrics.Count > MaxMetrics)
        {
            throw Invalid(ns, $"has {batch.Metrics.Count} metrics; EMF allows at most {MaxMetrics} per directive");
        }

        var members = new HashSet<string>(StringComparer.Ordinal) { MetadataKey };
        foreach (var (name, value) in batch.Dimensions)
        {
            RequireName(name, "dimension name", ns);
            if (name.StartsWith(':'))
            {
                throw Invalid(ns, $"dimension name '{name}' starts with ':', which CloudWatch refuses");
            }
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxDimensionValueLength)
            {
                throw Invalid(ns, $"dimension '{name}' needs a value of 1 to {MaxDimensionValueLength} characters, not all whitespace");
            }
            RequireUnique(members, name, "dimension", ns);
        }
        foreach (var metric in batch.Metrics)
        {
            ArgumentNullException.ThrowIfNull(metric, nameof(batch));
            RequireName(metric.Name, "metric name", ns);
            if (!MetricUnits.All.Contains(metric.Unit))
            {
                throw Invalid(ns, $"metric '{metric.Name}' has unit '{metric.Unit}', which is not a CloudWatch unit (e.g. Count, Milliseconds, Bytes, Percent, None)");
            }
            if (!double.IsFinite(metric.Value))
            {
                throw Invalid(ns, $"metric '{metric.Name}' has value {metric.Value}; EMF values must be finite numbers");
            }
            RequireUnique(members, metric.Name, "metric", ns);
        }
        foreach (var (name, _) in batch.Properties ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw Invalid(ns, "has a property with an empty name");
            }
            RequireUnique(members, name, "property", ns);
        }
    }

    private static void RequireName(string? name, string what, string? ns)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Invalid(ns, $"has an empty {what}");
        }
        if (name.Length > MaxNameLength)
        {
            throw Invalid(ns, $"{what} '{name[..40]}...' is {name.Length} characters; EMF allows at most {MaxNameLength}");
        }
    }

    private static void RequireUnique(HashSet<string> members, string name, string what, string ns)
    {
        if (!members.Add(name))
        {
            throw Invalid(ns, $"{what} name '{name}' is used twice (dimensions, metrics and properties share one JSON object, and '{MetadataKey}' is reserved)");
        }
    }

    private static ArgumentException Invalid(string? ns, string problem) =>
        new($"Metric batch for namespace '{ns}' {problem}.");
}
