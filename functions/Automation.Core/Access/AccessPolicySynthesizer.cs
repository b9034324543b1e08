using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Core.Errors;
using Automation.Core.Segments;

namespace Automation.Core.Access;

/// <summary>
/// Builds a break-glass grant from an allowed request: the inline policy (only the listed actions, only on the table
/// and index ARNs in scope, limited to the keys and attributes asked for, until the expiry), the trust policy (the
/// requester only), the role's name, tags and MaxSessionDuration. Pure; the policies are compact JSON
/// (<c>Version 2012-10-17</c>), written without reflection.
/// <para>The grant policy, statement by statement:</para>
/// <list type="bullet">
/// <item>One Allow per kind of action (reads, writes) and kind of key scope (exact keys:
/// <c>ForAllValues:StringEquals dynamodb:LeadingKeys</c>; prefixes, or a key-prefix segment's own prefix when no key is
/// given: <c>ForAllValues:StringLike</c> with <c>prefix*</c>), always with <c>Null dynamodb:LeadingKeys false</c> when keys
/// are scoped: <c>ForAllValues</c> is true when the key is absent, so without it a key-less request (a Scan) would pass.</item>
/// <item>Attributes listed: <c>ForAllValues:StringEquals dynamodb:Attributes</c> = the requested ones and every key
/// attribute of the table and the indexes in scope, <c>Null dynamodb:Attributes false</c> (a read of every attribute
/// carries none); reads add <c>StringEqualsIfExists dynamodb:Select SPECIFIC_ATTRIBUTES</c>, writes
/// <c>StringEqualsIfExists dynamodb:ReturnValues NONE | UPDATED_OLD | UPDATED_NEW</c>.</item>
/// <item>Every Allow: <c>DateLessThan aws:CurrentTime &lt;expiry&gt;</c>, a second lock beside the revoke.</item>
/// <item>A Deny of <c>dynamodb:PartiQL*</c> on <c>*</c>: it is not confirmed that PartiQL honours <c>dynamodb:LeadingKeys</c>.</item>
/// </list>
/// <para>
/// Values stay literal: keys and attributes holding <c>${</c> (a policy variable) are refused by the criteria; in
/// <c>StringLike</c> values <c>*</c>, <c>?</c> and <c>${</c> are written <c>${*}</c>, <c>${?}</c>, <c>${$}{</c>; characters
/// above U+00FF (which IAM does not accept raw in a policy document) as JSON <c>\uXXXX</c> escapes.
/// </para>
/// </summary>
public static partial class AccessPolicySynthesizer
{
    /// <summary>IAM: the inline policies of one role together, whitespace not counted.</summary>
    public const int InlinePolicyLimit = 10_240;

    /// <summary>IAM: a role's trust policy (the default quota).</summary>
    public const int TrustPolicyLimit = 2_048;

    /// <summary>IAM: a role name.</summary>
    public const int RoleNameLimit = 64;

    /// <summary>IAM: a tag value.</summary>
    public const int TagValueLimit = 256;

    /// <summary>Every break-glass role's name starts with this.</summary>
    public const string RoleNamePrefix = "break-glass-";

    /// <summary>The grant's inline policy.</summary>
    public const string GrantPolicyName = "break-glass-grant";

    /// <summary>The inline policy the revoke puts on the role to cut sessions issued before it (<see cref="RevokeSessionsPolicy"/>).</summary>
    public const string RevokeSessionsPolicyName = "break-glass-revoke-sessions";

    /// <summary>Tag: the request id.</summary>
    public const string RequestIdTag = "break-glass:request-id";

    /// <summary>Tag: the expiry, ISO-8601 UTC (<c>2026-11-20T02:13:00Z</c>).</summary>
    public const string ExpiresAtTag = "break-glass:expires-at";

    /// <summary>Tag: the requester's ARN (characters outside IAM's tag charset as <c>_</c>).</summary>
    public const string RequesterTag = "break-glass:requester";

    /// <summary>How every timestamp of a policy or tag is written.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The ReturnValues a write grant with listed attributes allows (ALL_OLD and ALL_NEW would return other attributes).</summary>
    public static IReadOnlyList<string> AllowedReturnValues { get; } = ["NONE", "UPDATED_OLD", "UPDATED_NEW"];

    private const string LeadingKeys = "dynamodb:LeadingKeys";
    private const string AttributesKey = "dynamodb:Attributes";
    private const string ForAllEquals = "ForAllValues:StringEquals";
    private const string ForAllLike = "ForAllValues:StringLike";

    /// <summary>The size of <see cref="RevokeSessionsPolicy"/> (the same for every timestamp): reserved beside the grant policy.</summary>
    public static int RevokeSessionsPolicySize { get; } = RevokeSessionsPolicy(DateTimeOffset.UnixEpoch).Length;

    /// <summary>
    /// The grant of a request that passed <see cref="AccessCriteria.Check"/>, from <paramref name="now"/> for the
    /// request's duration (the expiry in whole seconds).
    /// </summary>
    /// <param name="requestId">The request; names the role (<see cref="RoleNameFor"/>).</param>
    /// <param name="request">The allowed request.</param>
    /// <param name="segment">Its segment (with an access scope).</param>
    /// <param name="partition">The ARNs' partition, e.g. <c>aws</c>.</param>
    /// <param name="region">The table's region.</param>
    /// <param name="accountId">The table's account.</param>
    /// <param name="rolePath">The dedicated path, e.g. <c>/break-glass/</c>.</param>
    /// <param name="now">The synthesis time.</param>
    /// <exception cref="AutomationException"><see cref="ErrorTypes.AccessRefused"/> when the request is not grantable (e.g. <see cref="AccessRules.PolicyTooLarge"/>).</exception>
    public static AccessGrant Synthesize(string requestId, AccessRequest request, SegmentDefinition segment,
        string partition, string region, string accountId, string rolePath, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Synthesize(requestId, request, segment, partition, region, accountId, rolePath, now, WholeSeconds(now).AddMinutes(request.DurationMinutes));
    }

    /// <summary>
    /// The grant of a window ending at <paramref name="expiresAt"/> (floored to whole seconds): the same policies with
    /// another expiry, e.g. after an approved extension (<see cref="AccessExtensions.ExtendedExpiry"/>).
    /// </summary>
    /// <inheritdoc cref="Synthesize(string, AccessRequest, SegmentDefinition, string, string, string, string, DateTimeOffset)"/>
    public static AccessGrant Synthesize(string requestId, AccessRequest request, SegmentDefinition segment,
        string partition, string region, string accountId, string rolePath, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(segment);
        string roleName = RoleNameFor(requestId);
        CheckArnParts(partition, region, accountId);
        if (rolePath is null || rolePath.Length > 512 || !RolePathPattern().IsMatch(rolePath))
        {
            throw InputError.Field("rolePath", "must be an IAM path: '/' or '/<segments>/', at most 512 characters of '!' to '~'");
        }

        expiresAt = WholeSeconds(expiresAt.ToUniversalTime());
        if (expiresAt <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "the grant must end after now");
        }

        if (AccessPrincipal.TryParse(request.Requester) is not { } requester)
        {
            throw AccessRefusal.ToException([new AccessRefusal(AccessRules.RequesterInvalid, "requester", $"'{request.Requester}' is not {AccessPrincipal.Rule}")]);
        }

        if (segment.Access is null)
        {
            throw AccessRefusal.ToException([new AccessRefusal(AccessRules.AccessNotEnabled, "segment", $"segment '{segment.Name}' has no access section")]);
        }

        IReadOnlyList<AccessAction> actions = ParseActions(request);
        string expiry = Timestamp(expiresAt);
        string policy = GrantPolicy(request, segment, actions, partition, region, accountId, expiry);
        string trust = TrustPolicy(requester, expiry);
        if (SizeRefusals(request, policy, trust) is { Count: > 0 } tooLarge)
        {
            throw AccessRefusal.ToException(tooLarge);
        }

        double hold = Math.Floor((expiresAt - now).TotalSeconds);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RequestIdTag] = TagValue(requestId),
            [ExpiresAtTag] = expiry,
            [RequesterTag] = TagValue(request.Requester),
        };
        return new AccessGrant(roleName, rolePath, GrantPolicyName, policy, trust, MaxSessionDurationFor(expiresAt - now), tags,
            expiresAt, (int)Math.Min(hold, int.MaxValue), policy.Length);
    }

    /// <summary>
    /// The policy the revoke puts on the role before deleting it: Deny everything to sessions issued before
    /// <paramref name="revokedAt"/> (<c>aws:TokenIssueTime</c>), what IAM's "revoke active sessions" writes.
    /// </summary>
    public static string RevokeSessionsPolicy(DateTimeOffset revokedAt) => Compact(new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "RevokeOlderSessions",
            ["Effect"] = "Deny",
            ["Action"] = "*",
            ["Resource"] = "*",
            ["Condition"] = new JsonObject
            {
                ["DateLessThan"] = new JsonObject { ["aws:TokenIssueTime"] = Timestamp(WholeSeconds(revokedAt.ToUniversalTime()).AddSeconds(1)) },
            },
        }),
    });

    /// <summary><c>break-glass-&lt;requestId&gt;</c>; the request id must be IAM name characters (<c>A-Za-z0-9_+=,.@-</c>) and the name at most 64 characters.</summary>
    /// <exception cref="AutomationException"><see cref="ErrorTypes.InvalidInput"/> on <c>requestId</c> otherwise.</exception>
    public static string RoleNameFor(string requestId)
    {
        if (string.IsNullOrEmpty(requestId) || !RoleNameCharacters().IsMatch(requestId) || RoleNamePrefix.Length + requestId.Length > RoleNameLimit)
        {
            throw InputError.Field("requestId",
                $"must be 1 to {RoleNameLimit - RoleNamePrefix.Length} of A-Za-z0-9_+=,.@- (the role name {RoleNamePrefix}<requestId> is at most {RoleNameLimit} characters)");
        }

        return RoleNamePrefix + requestId;
    }

    /// <summary>The role's MaxSessionDuration for a grant this long: rounded up to whole hours, 3,600..43,200 seconds.</summary>
    public static int MaxSessionDurationFor(TimeSpan grant)
    {
        double hours = Math.Ceiling(Math.Max(0, grant.TotalHours - 1e-9));
        return (int)Math.Clamp(hours * 3600, 3600, 43_200);
    }

    /// <summary>A tag value in IAM's charset (<c>[\p{L}\p{Z}\p{N}_.:/=+\-@]</c>; others become <c>_</c>), at most 256 characters.</summary>
    public static string TagValue(string? value)
    {
        var text = new StringBuilder();
        foreach (char c in value ?? string.Empty)
        {
            if (text.Length == TagValueLimit)
            {
                break;
            }

            bool allowed = !char.IsSurrogate(c) && (char.IsLetter(c) || char.IsDigit(c) || char.IsNumber(c) || char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || c is '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@');
            text.Append(allowed ? c : '_');
        }

        return text.ToString();
    }

    /// <summary>A policy or tag timestamp: ISO-8601, UTC, whole seconds (<see cref="TimestampFormat"/>).</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>The ARN of a table: <c>arn:&lt;partition&gt;:dynamodb:&lt;region&gt;:&lt;account&gt;:table/&lt;table&gt;</c>.</summary>
    public static string TableArn(string partition, string region, string accountId, string table) =>
        $"arn:{partition}:dynamodb:{region}:{accountId}:table/{table}";

    /// <summary>
    /// The indexes a grant of <paramref name="request"/> on <paramref name="segment"/> reaches and whether the table
    /// itself is in scope: an index segment (or a key-prefix segment of an index) reaches its index only; a table
    /// segment the table and the requested indexes.
    /// </summary>
    public static (bool Table, IReadOnlyList<string> Indexes) Targets(AccessRequest request, SegmentDefinition segment)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(segment);
        return segment.Covers.Index is { } own
            ? (false, [own])
            : (true, [.. request.Indexes.Where(i => !string.IsNullOrEmpty(i)).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The distinct actions of a request, in <see cref="AccessAction"/> order; refuses one that does not parse.</summary>
    internal static IReadOnlyList<AccessAction> ParseActions(AccessRequest request)
    {
        var actions = new SortedSet<AccessAction>();
        for (int i = 0; i < request.Actions.Count; i++)
        {
            if (!AccessActions.TryParse(request.Actions[i], out AccessAction action))
            {
                throw AccessRefusal.ToException([new AccessRefusal(AccessRules.ActionForbidden, $"actions[{i}]", $"'{request.Actions[i]}' is never granted")]);
            }

            actions.Add(action);
        }

        return [.. actions];
    }

    /// <summary>The grant policy (compact JSON) of already-parsed actions.</summary>
    internal static string GrantPolicy(AccessRequest request, SegmentDefinition segment, IReadOnlyList<AccessAction> actions,
        string partition, string region, string accountId, string expiry)
    {
        string tableArn = TableArn(partition, region, accountId, segment.Covers.Table);
        (bool table, IReadOnlyList<string> indexes) = Targets(request, segment);
        JsonArray Resources() => [.. (table ? [tableArn] : Array.Empty<string>()).Concat(indexes.Select(i => $"{tableArn}/index/{i}")).Select(r => (JsonNode)r)];

        var keyScopes = new List<(string Name, string? Operator, string[] Values)>();
        string[] keys = [.. request.LeadingKeys.Distinct(StringComparer.Ordinal).Select(EscapeEquals)];
        string[] prefixes = [.. request.LeadingKeyPrefixes.Distinct(StringComparer.Ordinal).Select(p => EscapeLike(p) + "*")];
        if (keys.Length > 0)
        {
            keyScopes.Add(("Keys", ForAllEquals, keys));
        }

        if (prefixes.Length > 0)
        {
            keyScopes.Add(("KeyPrefixes", ForAllLike, prefixes));
        }

        if (keyScopes.Count == 0 && segment.Covers.KeyPrefix is { } segmentPrefix)
        {
            keyScopes.Add(("KeyPrefixes", ForAllLike, [EscapeLike(segmentPrefix) + "*"]));
        }

        if (keyScopes.Count == 0)
        {
            keyScopes.Add(("AnyKey", null, []));
        }

        string[]? attributes = request.Attributes.Count == 0
            ? null
            : [.. request.Attributes.Concat(segment.Schema.KeyAttributeNames(indexes)).Distinct(StringComparer.Ordinal).Select(EscapeEquals)];

        var statements = new JsonArray();
        foreach ((string kind, bool write) in new[] { ("Read", false), ("Write", true) })
        {
            AccessAction[] ofKind = [.. actions.Where(a => AccessActions.IsWrite(a) == write)];
            if (ofKind.Length == 0)
            {
                continue;
            }

            foreach ((string name, string? keyOperator, string[] values) in keyScopes)
            {
                var condition = new JsonObject();
                var nulls = new JsonObject();
                if (keyOperator is not null)
                {
                    condition[keyOperator] = new JsonObject { [LeadingKeys] = Strings(values) };
                    nulls[LeadingKeys] = "false";
                }

                if (attributes is not null)
                {
                    if (condition[ForAllEquals] is not JsonObject equals)
                    {
                        equals = [];
                        condition[ForAllEquals] = equals;
                    }

                    equals[AttributesKey] = Strings(attributes);
                    nulls[AttributesKey] = "false";
                }

                if (nulls.Count > 0)
                {
                    condition["Null"] = nulls;
                }

                if (attributes is not null)
                {
                    condition["StringEqualsIfExists"] = write
                        ? new JsonObject { ["dynamodb:ReturnValues"] = Strings(AllowedReturnValues) }
                        : new JsonObject { ["dynamodb:Select"] = "SPECIFIC_ATTRIBUTES" };
                }

                condition["DateLessThan"] = new JsonObject { ["aws:CurrentTime"] = expiry };
                statements.Add((JsonNode)new JsonObject
                {
                    ["Sid"] = kind + name,
                    ["Effect"] = "Allow",
                    ["Action"] = Strings(ofKind.Select(AccessActions.IamName)),
                    ["Resource"] = Resources(),
                    ["Condition"] = condition,
                });
            }
        }

        statements.Add((JsonNode)new JsonObject
        {
            ["Sid"] = "DenyPartiQL",
            ["Effect"] = "Deny",
            ["Action"] = "dynamodb:PartiQL*",
            ["Resource"] = "*",
        });
        return Compact(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements });
    }

    /// <summary>The trust policy: the requester only (a session: its role and session name), until the expiry.</summary>
    internal static string TrustPolicy(AccessPrincipal requester, string expiry)
    {
        var condition = new JsonObject { ["DateLessThan"] = new JsonObject { ["aws:CurrentTime"] = expiry } };
        string principal = requester.Kind == AccessPrincipalKind.AssumedRole ? requester.RoleArn! : requester.Arn;
        if (requester.Kind == AccessPrincipalKind.AssumedRole)
        {
            condition["StringLike"] = new JsonObject { ["aws:userid"] = "*:" + requester.Session };
        }

        return Compact(new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Sid"] = "Requester",
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = principal },
                ["Action"] = "sts:AssumeRole",
                ["Condition"] = condition,
            }),
        });
    }

    /// <summary>The <see cref="AccessRules.PolicyTooLarge"/> refusals of these policies (none when they fit).</summary>
    internal static List<AccessRefusal> SizeRefusals(AccessRequest request, string policy, string trust)
    {
        var refusals = new List<AccessRefusal>();
        int total = policy.Length + RevokeSessionsPolicySize;
        if (total > InlinePolicyLimit)
        {
            string field = new[] { ("leadingKeys", request.LeadingKeys), ("leadingKeyPrefixes", request.LeadingKeyPrefixes), ("attributes", request.Attributes) }
                .OrderByDescending(f => f.Item2.Sum(v => (v?.Length ?? 0) + 3)).First().Item1;
            refusals.Add(new AccessRefusal(AccessRules.PolicyTooLarge, field,
                $"the grant policy would be {policy.Length} characters; with the revoke-sessions policy ({RevokeSessionsPolicySize}) the role's inline policies would be {total}, over IAM's {InlinePolicyLimit}: ask for fewer or shorter keys, prefixes or attributes (or split the request)"));
        }

        if (trust.Length > TrustPolicyLimit)
        {
            refusals.Add(new AccessRefusal(AccessRules.PolicyTooLarge, "requester",
                $"the trust policy would be {trust.Length} characters, over IAM's {TrustPolicyLimit}"));
        }

        return refusals;
    }

    /// <summary>
    /// A value compared literally (StringEquals): as it is. Its one special sequence, <c>${</c> (a policy variable), is
    /// refused before (<see cref="AccessCriteria.HasPolicyVariable"/>): IAM would resolve an escape (<c>${$}</c>) there, but
    /// not every evaluator does, so such a value is never written at all.
    /// </summary>
    internal static string EscapeEquals(string value) =>
        AccessCriteria.HasPolicyVariable(value) ? throw new ArgumentException($"'{value}' holds '${{': a policy variable", nameof(value)) : value;

    /// <summary>A StringLike value's literal part: <c>*</c>, <c>?</c> and a <c>$</c> before <c>{</c> as <c>${*}</c>, <c>${?}</c>, <c>${$}</c>.</summary>
    internal static string EscapeLike(string value)
    {
        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            text.Append(c switch
            {
                '$' when i + 1 < value.Length && value[i + 1] == '{' => "${$}",
                '*' => "${*}",
                '?' => "${?}",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    /// <summary>Compact JSON, IAM-safe: no HTML escaping, characters above U+00FF as <c>\uXXXX</c>.</summary>
    internal static string Compact(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false }))
        {
            node.WriteTo(writer);
        }

        string json = Encoding.UTF8.GetString(buffer.ToArray());
        if (json.All(c => c <= '\u00FF'))
        {
            return json;
        }

        var text = new StringBuilder(json.Length + 16);
        foreach (char c in json)
        {
            if (c <= '\u00FF')
            {
                text.Append(c);
            }
            else
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    internal static DateTimeOffset WholeSeconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    private static void CheckArnParts(string partition, string region, string accountId)
    {
        if (partition is null || !PartitionPattern().IsMatch(partition))
        {
            throw new ArgumentException($"'{partition}' is not an AWS partition", nameof(partition));
        }

        if (region is null || !RegionPattern().IsMatch(region))
        {
            throw new ArgumentException($"'{region}' is not an AWS region", nameof(region));
        }

        if (accountId is null || !AccountPattern().IsMatch(accountId))
        {
            throw new ArgumentException($"'{accountId}' is not a 12-digit account id", nameof(accountId));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNameCharacters();

    [GeneratedRegex("^/(?:[\\u0021-\\u007E]+/)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RolePathPattern();

    [GeneratedRegex("^aws(?:-[a-z]+){0,3}$", RegexOptions.CultureInvariant)]
    internal static partial Regex PartitionPattern();

    [GeneratedRegex("^[a-z]{2}(?:-[a-z]+){1,3}-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    internal static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
