using System.Globalization;
using System.Text.Json;
using Automation.Core.Incidents;

namespace Automation.Functions.Contracts.QueryRunbook;

/// <summary>
/// The query-runbook state machine's input, as an operator types it in the console:
/// <c>{"template": "orders-for-customer", "parameters": {"customerId": "customer#4711", "since": "2026-11-20"},
/// "reason": "INC-88: customer sees stale orders", "incidentId": "inc-…" | "ticket": "OPS-123",
/// "requestedBy": "alice@example.com", "explain": false}</c>. Every step of the workflow takes it as given and checks it
/// again (<see cref="Validate"/>): no step trusts a plan built by another.
/// </summary>
/// <param name="Template">The query template to run (runbooks/segments/*.yaml, <c>queries[].name</c>).</param>
/// <param name="Parameters">The template's parameters: strings, numbers or booleans (sent as the template's types say).</param>
/// <param name="Reason">Why the data is needed: on the audit record and the incident timeline.</param>
/// <param name="IncidentId">The incident this read belongs to (recorded on its timeline); or give <paramref name="Ticket"/>.</param>
/// <param name="Ticket">A ticket reference, when there is no incident.</param>
/// <param name="RequestedBy">Who asks (an email or user name; recorded as given).</param>
/// <param name="Explain">True: return the plan and its worst-case cost, read nothing, record nothing.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QueryRunRequest(
    string? Template = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null,
    string? Reason = null,
    string? IncidentId = null,
    string? Ticket = null,
    string? RequestedBy = null,
    bool? Explain = null)
{
    public const int MaxTemplateLength = 128;
    public const int MaxReasonLength = 1024;
    public const int MaxTicketLength = 128;
    public const int MaxRequesterLength = 256;
    public const int MaxParameterLength = 2048;

    /// <summary>Checks every field; bad input is <c>InvalidInput</c> naming it (<c>$.reason</c>, <c>$.parameters.since</c>, …).</summary>
    public ValidQueryRequest Validate()
    {
        string template = StepInput.Text(Template, "$.template", MaxTemplateLength);
        string reason = StepInput.Text(Reason, "$.reason", MaxReasonLength);
        string requestedBy = StepInput.Text(RequestedBy, "$.requestedBy", MaxRequesterLength);
        string? incidentId = IncidentId is null ? null : StepInput.IncidentId(IncidentId, "$.incidentId");
        string? ticket = StepInput.OptionalText(Ticket, "$.ticket", MaxTicketLength);
        if (incidentId is null && ticket is null)
        {
            throw InputError.Field("$.incidentId", "or $.ticket is required: every read is recorded against an incident or a ticket");
        }

        if (incidentId is not null && ticket is not null)
        {
            throw InputError.Field("$.ticket", "must be left out when $.incidentId is given (the incident is the record)");
        }

        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in Parameters ?? new Dictionary<string, JsonElement>())
        {
            parameters[name] = ParameterText(name, value);
        }

        return new ValidQueryRequest(template, parameters, reason, incidentId, ticket, requestedBy, Explain ?? false);
    }

    /// <summary>The request as later steps receive it: the same fields, validated, values as text.</summary>
    public static QueryRunRequest From(ValidQueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value!, StepJsonContext.Default.String), StringComparer.Ordinal);
        return new QueryRunRequest(request.Template, parameters, request.Reason, request.IncidentId, request.Ticket, request.RequestedBy, request.Explain);
    }

    private static string? ParameterText(string name, JsonElement value)
    {
        string field = $"$.parameters.{name}";
        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => null,
            _ => throw InputError.Field(field, $"must be a string, a number or a boolean, got {value.ValueKind.ToString().ToLowerInvariant()}"),
        };
        return text is { Length: > MaxParameterLength }
            ? throw InputError.Field(field, string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxParameterLength} characters"))
            : text;
    }
}

/// <summary>A checked <see cref="QueryRunRequest"/>: parameter values as text (null: not given).</summary>
public sealed record ValidQueryRequest(
    string Template,
    IReadOnlyDictionary<string, string?> Parameters,
    string Reason,
    string? IncidentId,
    string? Ticket,
    string RequestedBy,
    bool Explain);
