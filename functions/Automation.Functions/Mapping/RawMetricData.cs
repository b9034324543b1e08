using System.Text.Json;

namespace Automation.Functions.Mapping;

/// <summary>
/// One entry of GetMetricData's <c>MetricDataResults</c> as the aws-sdk integration returns it:
/// <c>{"Id", "Label", "Timestamps": [...], "Values": [...], "StatusCode"}</c>. Timestamps pair with Values by position.
/// </summary>
public sealed record RawMetricDataResult(
    string? Id = null,
    string? Label = null,
    IReadOnlyList<JsonElement>? Timestamps = null,
    IReadOnlyList<double>? Values = null,
    string? StatusCode = null);
