namespace Automation.Core.Access;

/// <summary>
/// What a verified caller asked for: the API's request body plus the caller's identity from the request context
/// (never from a field anyone can type). <see cref="AccessCriteria.Check"/> judges it.
/// </summary>
/// <param name="Requester">The verified IAM ARN of the caller: an IAM user, a role, or an STS assumed-role session.</param>
/// <param name="Segment">The segment whose table (or index, or key range) the grant is on.</param>
/// <param name="Indexes">Indexes of the segment's table in scope besides the table (may be empty; an index segment: its index only).</param>
/// <param name="Actions">As typed: <c>dynamodb:GetItem</c> or <c>GetItem</c>; the criteria parse and check them.</param>
/// <param name="LeadingKeys">Exact partition-key values the grant is limited to (<c>dynamodb:LeadingKeys</c>); may be empty.</param>
/// <param name="LeadingKeyPrefixes">Partition-key prefixes the grant is limited to; may be empty.</param>
/// <param name="Attributes">Attributes the grant is limited to (<c>dynamodb:Attributes</c>, the key attributes always added); empty: every attribute.</param>
/// <param name="DurationMinutes">How long the grant lasts.</param>
/// <param name="Reason">Why, for the record.</param>
/// <param name="IncidentId">The incident the grant is for, or null.</param>
/// <param name="Ticket">A ticket, or null.</param>
/// <param name="Emergency">A declared emergency: may skip approval when the segment allows it (recorded, notified, reviewed after the fact).</param>
public sealed record AccessRequest(
    string Requester,
    string Segment,
    IReadOnlyList<string> Indexes,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> LeadingKeys,
    IReadOnlyList<string> LeadingKeyPrefixes,
    IReadOnlyList<string> Attributes,
    int DurationMinutes,
    string Reason,
    string? IncidentId,
    string? Ticket,
    bool Emergency);
