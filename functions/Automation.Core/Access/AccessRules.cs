namespace Automation.Core.Access;

/// <summary>
/// The names of the break-glass criteria, one per rule, as every <see cref="AccessRefusal"/> names them. The order of
/// <see cref="Checklist"/> is the order <see cref="AccessCriteria.Check"/> reports refusals in. Renaming one is a breaking
/// change (records, API answers and runbooks name them).
/// </summary>
public static class AccessRules
{
    /// <summary>The requester is not an IAM user, role or STS assumed-role session ARN.</summary>
    public const string RequesterInvalid = "requester-invalid";

    /// <summary>No segment file of that name.</summary>
    public const string SegmentUnknown = "segment-unknown";

    /// <summary>The segment has no <c>access</c> section, own or inherited: it cannot be requested.</summary>
    public const string AccessNotEnabled = "access-not-enabled";

    /// <summary>The requester matches none of the segment's <c>access.requesters</c> patterns.</summary>
    public const string RequesterNotAllowed = "requester-not-allowed";

    /// <summary>The request gives no reason.</summary>
    public const string ReasonRequired = "reason-required";

    /// <summary>The segment requires an incident id or a ticket and the request gives neither.</summary>
    public const string TicketRequired = "ticket-required";

    /// <summary>The request lists no action.</summary>
    public const string ActionRequired = "action-required";

    /// <summary>
    /// Never granted: <c>dynamodb:*</c> or any wildcard, another service's action, and every DynamoDB action that is not
    /// one of the nine data actions (table, index, backup, stream, TTL, tag management, PartiQL, ...).
    /// </summary>
    public const string ActionForbidden = "action-forbidden";

    /// <summary>A data action the segment's <c>access.actions</c> does not list (or, on an index segment, one that does not read an index).</summary>
    public const string ActionNotAllowed = "action-not-allowed";

    /// <summary>Scan when partition keys are in scope (given, or the segment is a key-prefix segment): a Scan carries no key.</summary>
    public const string ScanWithKeys = "scan-with-keys";

    /// <summary>An index not in the segment's <c>schema.indexes</c>; an index segment allows only its index; a key-prefix segment of the table only indexes with the table's partition key.</summary>
    public const string IndexUnknown = "index-unknown";

    /// <summary>A partition key or prefix that does not start with the key-prefix segment's <c>covers.keyPrefix</c>.</summary>
    public const string KeysOutsideSegment = "keys-outside-segment";

    /// <summary>A partition key or prefix that is empty, longer than DynamoDB's 2048 bytes, or holds <c>${</c> (an IAM policy variable).</summary>
    public const string KeyInvalid = "key-invalid";

    /// <summary>An attribute name that is empty, listed twice, or holds <c>${</c> (an IAM policy variable).</summary>
    public const string AttributesInvalid = "attributes-invalid";

    /// <summary>A duration below one minute.</summary>
    public const string DurationInvalid = "duration-invalid";

    /// <summary>A duration above the segment's <c>access.maxDurationMinutes</c>.</summary>
    public const string DurationOverMaximum = "duration-over-maximum";

    /// <summary>A declared emergency the segment's <c>access.emergency</c> does not let skip approval.</summary>
    public const string EmergencyNotAllowed = "emergency-not-allowed";

    /// <summary>The synthesised policies do not fit IAM's limits (inline policies of a role together, or the trust policy).</summary>
    public const string PolicyTooLarge = "policy-too-large";

    /// <summary>A grant with a write action on a table without point-in-time recovery (checked fresh at grant time).</summary>
    public const string PitrRequired = "pitr-required";

    /// <summary>An extension longer than the segment's <c>access.maxDurationMinutes</c>.</summary>
    public const string ExtensionOverMaximum = "extension-over-maximum";

    /// <summary>The grant was already extended <c>access.maxExtensions</c> times.</summary>
    public const string ExtensionsExhausted = "extensions-exhausted";

    /// <summary>The request rules, in the order <see cref="AccessCriteria.CheckBeforeGrant"/> reports them.</summary>
    public static IReadOnlyList<string> Checklist { get; } =
    [
        RequesterInvalid, SegmentUnknown, AccessNotEnabled, RequesterNotAllowed, ReasonRequired, TicketRequired, ActionRequired,
        ActionForbidden, ActionNotAllowed, ScanWithKeys, IndexUnknown, KeysOutsideSegment, KeyInvalid, AttributesInvalid,
        DurationInvalid, DurationOverMaximum, EmergencyNotAllowed, PolicyTooLarge, PitrRequired,
    ];

    /// <summary>Every rule: the checklist, then the extension rules.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Checklist, ExtensionOverMaximum, ExtensionsExhausted];
}
