using System.Text.Json;

namespace Automation.Functions.Contracts.Incidents;

/// <summary><c>{"kind": "HotPartitionKey", "explanation": "...", "detail": {...the diagnose step's output...}}</c></summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DiagnosisFinding(string? Kind = null, string? Explanation = null, JsonElement? Detail = null)
{
    public const int MaxKindLength = 64;

    public DiagnosisRecord ToRecord(string field = "diagnosis")
    {
        var kind = StepInput.Text(Kind, field + ".kind", MaxKindLength);
        if (!kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            // The kind is a CloudWatch dimension value and a filter key: keep it a plain token.
            throw InputError.Field(field + ".kind", $"must be letters, digits, '-', '_' or '.', got '{kind}'");
        }

        return new DiagnosisRecord(
            kind,
            StepInput.OptionalText(Explanation, field + ".explanation", StepInput.MaxSummaryLength),
            BoundedJson.From(Detail, BoundedJson.IncidentFieldBytes));
    }
}
