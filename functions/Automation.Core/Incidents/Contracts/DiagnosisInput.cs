using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary><c>{"kind": "HotPartitionKey", "explanation": "...", "detail": {...the diagnose step's output...}}</c></summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DiagnosisInput(string? Kind, string? Explanation, JsonElement? Detail)
{
    public const int MaxKindLength = 64;

    public DiagnosisRecord ToRecord(string field = "diagnosis")
    {
        var kind = IncidentInputs.Text(Kind, field + ".kind", MaxKindLength);
        if (!kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            // The kind is a CloudWatch dimension value and a filter key: keep it a plain token.
            throw IncidentInputError.Field(field + ".kind", $"must be letters, digits, '-', '_' or '.', got '{kind}'");
        }

        return new DiagnosisRecord(
            kind,
            IncidentInputs.OptionalText(Explanation, field + ".explanation", IncidentInputs.MaxSummaryLength),
            BoundedJson.From(Detail, BoundedJson.IncidentFieldBytes));
    }
}
