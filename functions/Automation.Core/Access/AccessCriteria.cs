using System.Text;
using Automation.Core.Segments;

namespace Automation.Core.Access;

/// <summary>
/// The break-glass checklist: pure, from the segment files (<see cref="SegmentDefinition.Access"/>); facts fresh from AWS
/// (point-in-time recovery) go in as arguments. Every refusal names its rule (<see cref="AccessRules"/>) and the request
/// field; all of them are reported, in <see cref="AccessRules.Checklist"/> order, not only the first.
/// </summary>
public static class AccessCriteria
{
    /// <summary>DynamoDB: the largest partition-key value, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 2048;

    // The size check runs before the region and account are known: ARN parts at least as long as any real one.
    private const string SizingPartition = "aws-xxxxxxxxxxxx";
    private const string SizingRegion = "xx-xxxxxxxxxxxxx-99";
    private const string SizingAccount = "000000000000";

    /// <summary>Every refusal of <paramref name="request"/> (empty: allowed), in checklist order; all but <see cref="AccessRules.PitrRequired"/>.</summary>
    public static IReadOnlyList<AccessRefusal> Check(AccessRequest request, SegmentCatalog catalog) => Evaluate(request, catalog, null);

    /// <summary>
    /// <see cref="Check"/> at grant time, with the fresh fact whether point-in-time recovery is on for every table in
    /// scope: a grant with a write action needs it (<see cref="AccessRules.PitrRequired"/>).
    /// </summary>
    public static IReadOnlyList<AccessRefusal> CheckBeforeGrant(AccessRequest request, SegmentCatalog catalog, bool pointInTimeRecoveryEnabled) =>
        Evaluate(request, catalog, pointInTimeRecoveryEnabled);

    /// <summary>
    /// May <paramref name="approver"/> approve <paramref name="requester"/>'s request? Both must be valid principals, the
    /// approver must match the scope's approver patterns, and must not be the same person
    /// (<see cref="AccessPrincipal.IsSamePersonAs"/>: the same user, the same role session, or a role and its sessions).
    /// </summary>
    public static bool MayApprove(string approver, string requester, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return AccessPrincipal.TryParse(approver) is { } a
            && AccessPrincipal.TryParse(requester) is { } r
            && IamStringLike.MatchesAny(approver, scope.Approvers)
            && !a.IsSamePersonAs(r);
    }

    /// <summary>Are two ARNs the same person (true as well when either does not parse, so a check based on it errs towards refusing)?</summary>
    public static bool SamePerson(string first, string second) =>
        string.Equals(first, second, StringComparison.Ordinal)
        || AccessPrincipal.TryParse(first) is not { } a || AccessPrincipal.TryParse(second) is not { } b
        || a.IsSamePersonAs(b);

    /// <summary>Does the request hold a write action?</summary>
    public static bool IsWrite(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Actions.Any(a => AccessActions.TryParse(a, out AccessAction action) && AccessActions.IsWrite(action));
    }

    /// <summary>Approvals the request needs: 0 for a declared emergency the scope lets skip approval, else <see cref="AccessScope.WriteApprovers"/> with a write action, 1 for reads.</summary>
    public static int ApprovalsNeeded(AccessRequest request, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        bool write = IsWrite(request);
        if (request.Emergency && EmergencyAllowed(scope.Emergency, write))
        {
            return 0;
        }

        return write ? Math.Max(1, scope.WriteApprovers) : 1;
    }

    /// <summary>May a declared emergency with (or without) a write action skip approval under <paramref name="policy"/>?</summary>
    public static bool EmergencyAllowed(EmergencyPolicy policy, bool write) =>
        policy == EmergencyPolicy.Any || (policy == EmergencyPolicy.ReadOnly && !write);

    /// <summary>Does <paramref name="value"/> hold <c>${</c>, which IAM reads as the start of a policy variable?</summary>
    public static bool HasPolicyVariable(string? value) => value?.Contains("${", StringComparison.Ordinal) == true;

    private static List<AccessRefusal> Evaluate(AccessRequest request, SegmentCatalog catalog, bool? pointInTimeRecovery)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        var refusals = new List<AccessRefusal>();
        void Refuse(string rule, string field, string message) => refusals.Add(new AccessRefusal(rule, field, message));

        string requesterArn = request.Requester ?? string.Empty;
        AccessPrincipal? requester = AccessPrincipal.TryParse(requesterArn);
        if (requester is null)
        {
            Refuse(AccessRules.RequesterInvalid, "requester", $"'{requesterArn}' is not {AccessPrincipal.Rule}");
        }

        SegmentDefinition? segment = catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, request.Segment, StringComparison.Ordinal));
        if (segment is null)
        {
            Refuse(AccessRules.SegmentUnknown, "segment",
                $"no segment '{request.Segment}' (segments: {string.Join(", ", catalog.Segments.Select(s => s.Name))})");
        }

        AccessScope? scope = segment?.Access;
        if (segment is not null && scope is null)
        {
            Refuse(AccessRules.AccessNotEnabled, "segment",
                $"segment '{segment.Name}' has no access section ({segment.Source}, own or inherited from its table segment): its access cannot be requested");
        }

        if (requester is not null && scope is not null && !IamStringLike.MatchesAny(requesterArn, scope.Requesters))
        {
            Refuse(AccessRules.RequesterNotAllowed, "requester",
                $"'{requesterArn}' matches none of segment '{segment!.Name}''s requesters ({string.Join(", ", scope.Requesters)})");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            Refuse(AccessRules.ReasonRequired, "reason", "required: why the access is needed (it goes on the record)");
        }

        if (scope is { RequireTicket: true } && string.IsNullOrWhiteSpace(request.IncidentId) && string.IsNullOrWhiteSpace(request.Ticket))
        {
            Refuse(AccessRules.TicketRequired, "ticket", $"segment '{segment!.Name}' requires an incidentId or a ticket");
        }

        IReadOnlyList<string> typed = request.Actions ?? [];
        if (typed.Count == 0)
        {
            Refuse(AccessRules.ActionRequired, "actions", "required: at least one action (e.g. GetItem, Query)");
        }

        var parsed = new List<(int Index, AccessAction Action)>();
        for (int i = 0; i < typed.Count; i++)
        {
            if (AccessActions.TryParse(typed[i], out AccessAction action))
            {
                parsed.Add((i, action));
            }
            else
            {
                Refuse(AccessRules.ActionForbidden, $"actions[{i}]", Forbidden(typed[i] ?? string.Empty));
            }
        }

        if (scope is not null)
        {
            foreach ((int i, AccessAction action) in parsed)
            {
                if (!scope.Actions.Contains(action))
                {
                    Refuse(AccessRules.ActionNotAllowed, $"actions[{i}]",
                        $"{AccessActions.IamName(action)} is not allowed on segment '{segment!.Name}' (allowed: {string.Join(", ", scope.Actions.Select(AccessActions.Name))})");
                }
                else if (segment!.Covers.Index is { } index && action is not (AccessAction.Query or AccessAction.Scan))
                {
                    Refuse(AccessRules.ActionNotAllowed, $"actions[{i}]",
                        $"segment '{segment.Name}' covers index '{index}': only Query and Scan read an index ({AccessActions.IamName(action)} acts on the table)");
                }
            }
        }

        IReadOnlyList<string> keys = request.LeadingKeys ?? [];
        IReadOnlyList<string> prefixes = request.LeadingKeyPrefixes ?? [];
        bool keysScoped = keys.Count > 0 || prefixes.Count > 0 || segment?.Covers.KeyPrefix is not null;
        foreach ((int i, AccessAction action) in parsed.Where(p => p.Action == AccessAction.Scan))
        {
            if (keysScoped)
            {
                Refuse(AccessRules.ScanWithKeys, $"actions[{i}]", keys.Count > 0 || prefixes.Count > 0
                    ? "a Scan carries no partition key, so a grant scoped to keys can never allow it: use Query, or ask for Scan without keys"
                    : $"segment '{segment!.Name}' is a key-prefix segment ({segment.Covers}): a Scan would read every key");
            }
        }

        CheckIndexes(request, segment, Refuse);
        CheckKeysInside(keys, "leadingKeys", segment, Refuse);
        CheckKeysInside(prefixes, "leadingKeyPrefixes", segment, Refuse);
        CheckKeysValid(keys, "leadingKeys", Refuse);
        CheckKeysValid(prefixes, "leadingKeyPrefixes", Refuse);
        CheckAttributes(request.Attributes ?? [], Refuse);

        if (request.DurationMinutes < 1)
        {
            Refuse(AccessRules.DurationInvalid, "durationMinutes", $"must be at least 1 minute (got {request.DurationMinutes})");
        }
        else if (scope is not null && request.DurationMinutes > scope.MaxDurationMinutes)
        {
            Refuse(AccessRules.DurationOverMaximum, "durationMinutes",
                $"{request.DurationMinutes} minutes is over segment '{segment!.Name}''s maximum of {scope.MaxDurationMinutes}");
        }

        bool write = parsed.Any(p => AccessActions.IsWrite(p.Action));
        if (request.Emergency && scope is not null && !EmergencyAllowed(scope.Emergency, write))
        {
            Refuse(AccessRules.EmergencyNotAllowed, "emergency", scope.Emergency == EmergencyPolicy.Never
                ? $"segment '{segment!.Name}' never lets an emergency skip approval (emergency: never): request without emergency"
                : $"segment '{segment!.Name}' lets an emergency skip approval for read-only grants only (emergency: readOnly): drop the write actions or request without emergency");
        }

        if (refusals.Count == 0 && segment is not null && requester is not null)
        {
            IReadOnlyList<AccessAction> actions = [.. parsed.Select(p => p.Action).Distinct().Order()];
            string expiry = AccessPolicySynthesizer.Timestamp(DateTimeOffset.UnixEpoch);
            string policy = AccessPolicySynthesizer.GrantPolicy(request, segment, actions, SizingPartition, SizingRegion, SizingAccount, expiry);
            string trust = AccessPolicySynthesizer.TrustPolicy(requester, expiry);
            refusals.AddRange(AccessPolicySynthesizer.SizeRefusals(request, policy, trust));
        }

        if (pointInTimeRecovery == false && write)
        {
            Refuse(AccessRules.PitrRequired, "actions",
                $"a grant with a write action needs point-in-time recovery on table '{segment?.Covers.Table}': turn it on (UpdateContinuousBackups) or ask for reads only");
        }

        return refusals;
    }

    private static string Forbidden(string action)
    {
        if (action.Contains('*', StringComparison.Ordinal) || action.Contains('?', StringComparison.Ordinal))
        {
            return $"'{action}': wildcards are never granted; name each data action ({string.Join(", ", AccessActions.All.Select(AccessActions.Name))})";
        }

        int colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && !action.StartsWith(AccessActions.ServicePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return $"'{action}' is not a DynamoDB action: break-glass grants DynamoDB data actions only";
        }

        string name = colon >= 0 ? action[(colon + 1)..] : action;
        if (name.StartsWith("PartiQL", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{action}': PartiQL actions are never granted (it is not confirmed that dynamodb:LeadingKeys constrains them)";
        }

        return $"'{action}' is not a DynamoDB data action: break-glass never grants table, index, backup, stream, TTL or tag management; only {string.Join(", ", AccessActions.All.Select(AccessActions.Name))}";
    }

    private static void CheckIndexes(AccessRequest request, SegmentDefinition? segment, Action<string, string, string> refuse)
    {
        if (segment is null)
        {
            return;
        }

        IReadOnlyList<string> indexes = request.Indexes ?? [];
        for (int i = 0; i < indexes.Count; i++)
        {
            string index = indexes[i] ?? string.Empty;
            string field = $"indexes[{i}]";
            if (segment.Covers.Index is { } own)
            {
                if (!string.Equals(index, own, StringComparison.Ordinal))
                {
                    refuse(AccessRules.IndexUnknown, field, $"segment '{segment.Name}' covers index '{own}' only (got '{index}')");
                }
            }
            else if (segment.Schema.Index(index) is not { } declared)
            {
                refuse(AccessRules.IndexUnknown, field,
                    $"index '{index}' is not declared in segment '{segment.Name}''s schema.indexes{Declared(segment.Schema)}");
            }
            else if (segment.Covers.KeyPrefix is not null
                && !string.Equals(declared.Keys.PartitionKey.Name, segment.Schema.Keys.PartitionKey.Name, StringComparison.Ordinal))
            {
                refuse(AccessRules.IndexUnknown, field,
                    $"segment '{segment.Name}' is a key prefix of the table's partition key '{segment.Schema.Keys.PartitionKey.Name}'; index '{index}' has another partition key ('{declared.Keys.PartitionKey.Name}'), so the prefix does not bound its reads");
            }
        }
    }

    private static void CheckKeysInside(IReadOnlyList<string> keys, string field, SegmentDefinition? segment, Action<string, string, string> refuse)
    {
        string? prefix = segment?.Covers.KeyPrefix;
        for (int i = 0; i < keys.Count; i++)
        {
            string key = keys[i] ?? string.Empty;
            if (prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal))
            {
                refuse(AccessRules.KeysOutsideSegment, $"{field}[{i}]", $"'{key}' does not start with segment '{segment!.Name}''s key prefix '{prefix}'");
            }
        }
    }

    private static void CheckKeysValid(IReadOnlyList<string> keys, string field, Action<string, string, string> refuse)
    {
        for (int i = 0; i < keys.Count; i++)
        {
            string key = keys[i] ?? string.Empty;
            if (key.Length == 0)
            {
                refuse(AccessRules.KeyInvalid, $"{field}[{i}]", "must not be empty");
            }
            else if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
            {
                refuse(AccessRules.KeyInvalid, $"{field}[{i}]", $"is {Encoding.UTF8.GetByteCount(key)} bytes; a partition key is at most {MaxKeyBytes} bytes (UTF-8)");
            }
            else if (HasPolicyVariable(key))
            {
                refuse(AccessRules.KeyInvalid, $"{field}[{i}]", $"'{key}' holds '${{', which IAM reads as a policy variable: it cannot be granted literally");
            }
        }
    }

    private static void CheckAttributes(IReadOnlyList<string> attributes, Action<string, string, string> refuse)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < attributes.Count; i++)
        {
            string name = attributes[i] ?? string.Empty;
            if (name.Length == 0)
            {
                refuse(AccessRules.AttributesInvalid, $"attributes[{i}]", "an attribute name must not be empty");
            }
            else if (!seen.Add(name))
            {
                refuse(AccessRules.AttributesInvalid, $"attributes[{i}]", $"'{name}' is listed twice");
            }
            else if (HasPolicyVariable(name))
            {
                refuse(AccessRules.AttributesInvalid, $"attributes[{i}]", $"'{name}' holds '${{', which IAM reads as a policy variable: it cannot be granted literally");
            }
        }
    }

    private static string Declared(TableSchema schema) =>
        schema.Indexes.Count == 0 ? " (none declared)" : $" (declared: {string.Join(", ", schema.Indexes.Select(i => i.Name))})";
}
