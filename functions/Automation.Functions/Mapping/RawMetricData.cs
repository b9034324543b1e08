using System.Text.Json;

namespace Automation.Functions.Mapping;

/// <summary>
/// One entry of GetMetricData's <c>MetricDataResults</c> as the aws-sdk integration returns it:
/// <c>{"Id", "Label", "Timestamps": [...], "Values": [...], "StatusCode"}</c>. Timestamps pair with Values by position.
/// </summary>
public sealed record RawMetricDataResult(
    [property: JsonPropertyName("Id")] string? Id = null,
    [property: JsonPropertyName("Label")] string? Label = null,
    [property: JsonPropertyName("Timestamps")] IReadOnlyList<JsonElement>? Timestamps = null,
    [property: JsonPropertyName("Values")] IReadOnlyList<double>? Values = null,
    [property: JsonPropertyName("StatusCode")] string? StatusCode = null);
