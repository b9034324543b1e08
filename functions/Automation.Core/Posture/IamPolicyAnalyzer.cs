using System.Text.Json;

using Automation.Core.Access;

namespace Automation.Core.Posture;

/// <summary>A managed table as the IAM checks see it.</summary>
/// <param name="TableArn">The table's ARN; its indexes are <c>&lt;arn&gt;/index/&lt;name&gt;</c>.</param>
/// <param name="Segment">Its segment.</param>
/// <param name="RequireKeyConditions">Whether grants must carry key or attribute conditions.</param>
public sealed record ManagedTableArn(string TableArn, string? Segment, bool RequireKeyConditions);

/// <summary>
/// Reads IAM identity-policy documents (the grammar of the IAM JSON policy reference,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html) and finds the three DynamoDB
/// mistakes: <c>dynamodb:*</c>, a DynamoDB action on every table, and access to a managed table without the key or
/// attribute conditions its segment requires. Only <c>Allow</c> statements grant; a statement is judged alone (an
/// explicit deny elsewhere does not clear it: a finding says what the statement allows, and denies get deleted too).
/// Action names match case-insensitively, resource ARNs case-sensitively, both with IAM wildcards
/// (<see cref="IamStringLike"/>). Policies attached to no principal grant nothing and are skipped, as are policies
/// whose principals are all exempt.
/// </summary>
public static class IamPolicyAnalyzer
{
    /// <summary>
    /// DynamoDB actions that take no resource but <c>*</c> (the Service Authorization Reference lists no resource type
    /// for them), so <c>Resource: *</c> with only these is not a mistake.
    /// </summary>
    public static IReadOnlyList<string> ResourcelessActions { get; } =
    [
        "dynamodb:ListTables", "dynamodb:ListBackups", "dynamodb:ListGlobalTables", "dynamodb:ListStreams",
        "dynamodb:ListContributorInsights", "dynamodb:ListExports", "dynamodb:ListImports", "dynamodb:DescribeLimits",
        "dynamodb:DescribeEndpoints", "dynamodb:DescribeReservedCapacity", "dynamodb:DescribeReservedCapacityOfferings",
        "dynamodb:PurchaseReservedCapacityOfferings",
    ];

    /// <summary>DynamoDB actions that read or write items (what key and attribute conditions constrain, plus PartiQL).</summary>
    public static IReadOnlyList<string> ItemActions { get; } =
    [
        .. AccessActions.All.Select(AccessActions.IamName),
        "dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete",
    ];

    /// <summary>
    /// Item actions whose requests may carry no <c>dynamodb:LeadingKeys</c>: Scan, and PartiQL (it is not confirmed that
    /// PartiQL sets the key). A <c>ForAllValues</c> or <c>...IfExists</c> condition on the key is true for them.
    /// </summary>
    public static IReadOnlyList<string> KeylessItemActions { get; } =
    [
        "dynamodb:Scan", "dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete",
    ];

    /// <summary>
    /// Known DynamoDB actions with resource-level permissions (a table, index, stream, backup, export or import ARN): the
    /// names a finding's evidence lists and a wildcard pattern is expanded against. Not the rule: every DynamoDB action
    /// outside <see cref="ResourcelessActions"/> counts as resource-scoped (<see cref="IsResourceScoped"/>), named ones this
    /// list lacks and future ones too.
    /// </summary>
    public static IReadOnlyList<string> ResourceActions { get; } =
    [
        .. ItemActions,
        "dynamodb:DescribeTable", "dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable",
        "dynamodb:CreateBackup", "dynamodb:DeleteBackup", "dynamodb:DescribeBackup", "dynamodb:RestoreTableFromBackup",
        "dynamodb:RestoreTableToPointInTime", "dynamodb:UpdateContinuousBackups", "dynamodb:DescribeContinuousBackups",
        "dynamodb:StartAwsBackupJob", "dynamodb:RestoreTableFromAwsBackup", "dynamodb:ExportTableToPointInTime",
        "dynamodb:DescribeExport", "dynamodb:ImportTable", "dynamodb:DescribeImport", "dynamodb:UpdateTimeToLive",
        "dynamodb:DescribeTimeToLive", "dynamodb:TagResource", "dynamodb:UntagResource", "dynamodb:ListTagsOfResource",
        "dynamodb:PutResourcePolicy", "dynamodb:GetResourcePolicy", "dynamodb:DeleteResourcePolicy",
        "dynamodb:UpdateContributorInsights", "dynamodb:DescribeContributorInsights", "dynamodb:GetRecords",
        "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:CreateGlobalTable", "dynamodb:UpdateGlobalTable",
        "dynamodb:DescribeGlobalTable", "dynamodb:DescribeGlobalTableSettings", "dynamodb:UpdateGlobalTableSettings",
        "dynamodb:UpdateGlobalTableVersion", "dynamodb:CreateTableReplica", "dynamodb:DeleteTableReplica",
        "dynamodb:UpdateTableReplicaAutoScaling", "dynamodb:DescribeTableReplicaAutoScaling",
        "dynamodb:DescribeKinesisStreamingDestination", "dynamodb:EnableKinesisStreamingDestination",
        "dynamodb:DisableKinesisStreamingDestination", "dynamodb:UpdateKinesisStreamingDestination",
    ];

    /// <summary>
    /// The condition keys that scope item access. A key scopes only under a positive string operator
    /// (<c>StringEquals</c>, <c>StringEqualsIgnoreCase</c>, <c>StringLike</c>), which is false when the key is absent.
    /// <c>ForAllValues:</c> and <c>...IfExists</c> are true when the key is absent, so they scope only together with
    /// <c>Null {key: false}</c> (without it, <c>dynamodb:LeadingKeys</c> still scopes the requests that always carry a key,
    /// not Scan or PartiQL, and <c>dynamodb:Attributes</c> scopes nothing: a read of every attribute carries none).
    /// Negated operators (<c>StringNotEquals</c>, <c>StringNotLike</c>: everything but some values, and true when the
    /// key is absent), <c>ForAnyValue:</c> (one matching value lets others through), <c>Null</c> itself
    /// (<c>true</c> allows only key-less requests: a Scan of everything) and every other operator never scope.
    /// </summary>
    public static IReadOnlyList<string> ScopingConditionKeys { get; } = ["dynamodb:LeadingKeys", "dynamodb:Attributes"];

    private static readonly string[] ScopingOperators = ["StringEquals", "StringEqualsIgnoreCase", "StringLike"];

    /// <summary>
    /// True for a DynamoDB action (<c>dynamodb:</c> prefix, any case) that is not one of the
    /// <see cref="ResourcelessActions"/>: the Service Authorization Reference gives every other one a resource type.
    /// </summary>
    public static bool IsResourceScoped(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.StartsWith(AccessActions.ServicePrefix, StringComparison.OrdinalIgnoreCase)
            && !ResourcelessActions.Contains(action, StringComparer.OrdinalIgnoreCase);
    }

    // An action no real policy names: a pattern that matches it matches every DynamoDB action, present and future.
    private const string AnyDynamoDbAction = "dynamodb:zzanyaction";
    private const string AnyTableResource = "table/zz-any-table";

    /// <summary>The IAM findings over every policy in the account.</summary>
    public static IReadOnlyList<PostureFinding> Analyze(
        IEnumerable<IamPolicyFact> policies,
        IReadOnlyCollection<ManagedTableArn> managedTables,
        IReadOnlyCollection<string> exemptPrincipals)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(managedTables);
        ArgumentNullException.ThrowIfNull(exemptPrincipals);
        var findings = new List<PostureFinding>();
        foreach (IamPolicyFact policy in policies)
        {
            if (policy.AttachedTo.Count == 0 || policy.AttachedTo.All(p => IamStringLike.MatchesAny(p, exemptPrincipals)))
            {
                continue;
            }

            IReadOnlyList<PolicyStatement> statements = PolicyStatement.Parse(policy.Document, policy.PolicyId);
            for (int i = 0; i < statements.Count; i++)
            {
                PolicyStatement statement = statements[i];
                if (!statement.Allows)
                {
                    continue;
                }

                string subject = policy.PolicyId + "#" + (statement.StatementId ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                string principals = string.Join(", ", policy.AttachedTo);
                findings.AddRange(Judge(statement, subject, principals, managedTables));
            }
        }

        return findings;
    }

    private static IEnumerable<PostureFinding> Judge(PolicyStatement statement, string subject, string principals, IReadOnlyCollection<ManagedTableArn> tables)
    {
        bool allTables = statement.InvertsResources || statement.Resources.Any(ReachesEveryTable);
        bool wildcard = statement.InvertsActions
            ? !statement.Actions.Any(p => ActionMatches(AnyDynamoDbAction, p))
            : statement.Actions.Any(p => ActionMatches(AnyDynamoDbAction, p));
        string actions = (statement.InvertsActions ? "NotAction " : "Action ") + string.Join(", ", statement.Actions);
        string resources = (statement.InvertsResources ? "NotResource " : "Resource ") + string.Join(", ", statement.Resources);

        if (wildcard)
        {
            yield return Finding(
                PostureRule.DynamoDbWildcardAction,
                allTables ? PostureSeverity.Critical : PostureSeverity.High,
                subject,
                null,
                $"Allows every DynamoDB action ({actions}) on {resources}; applies to {principals}.");
        }
        else if (allTables && statement.ResourceScopedGrants() is { Count: > 0 } granted)
        {
            yield return Finding(
                PostureRule.DynamoDbActionOnAllResources,
                PostureSeverity.High,
                subject,
                null,
                $"Allows {string.Join(", ", granted)} on {resources} (every table); applies to {principals}.");
        }

        string[] unscoped = [.. ItemActions.Where(a => statement.GrantsAction(a) && !statement.ScopesItemAction(a))];
        if (unscoped.Length == 0)
        {
            yield break;
        }

        foreach (ManagedTableArn table in tables.Where(t => t.RequireKeyConditions))
        {
            // A statement reaches the table's data through the table's ARN or any of its indexes' (Query on a GSI).
            string indexArn = table.TableArn + "/index/zz-any-index";
            bool reaches = statement.InvertsResources
                ? !statement.Resources.Any(r => ResourceMatches(table.TableArn, r)) || !statement.Resources.Any(r => ResourceMatches(indexArn, r))
                : statement.Resources.Any(r => ResourceMatches(table.TableArn, r) || ResourceMatches(indexArn, r));
            if (reaches)
            {
                yield return Finding(
                    PostureRule.UnconditionedTableAccess,
                    PostureSeverity.High,
                    subject + " " + table.TableArn,
                    table.Segment,
                    $"Allows {string.Join(", ", unscoped)} on {table.TableArn} with no dynamodb:LeadingKeys or dynamodb:Attributes condition that constrains {(unscoped.Length == 1 ? "it" : "them")}; segment {table.Segment ?? "(none)"} requires one; applies to {principals}.");
            }
        }
    }

    private static PostureFinding Finding(PostureRule rule, PostureSeverity severity, string subject, string? segment, string evidence) =>
        new(rule, severity, subject, segment, evidence, PostureRuleCatalog.WhyItMatters(rule), PostureRuleCatalog.Fix(rule), null);

    internal static bool ActionMatches(string action, string pattern) =>
        IamStringLike.Matches(action.ToLowerInvariant(), pattern.ToLowerInvariant());

    private static bool ResourceMatches(string arn, string pattern) => IamStringLike.Matches(arn, pattern);

    /// <summary>
    /// True for <c>*</c> and for any DynamoDB ARN pattern whose resource part matches an arbitrary table name
    /// (<c>arn:aws:dynamodb:*:*:table/*</c>, <c>arn:aws:dynamodb:eu-west-1:123456789012:*</c>): every table in its scope.
    /// </summary>
    public static bool ReachesEveryTable(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        string[] parts = pattern.Split(':', 6);
        if (parts.Length < 6)
        {
            // "*" and other patterns without ARN structure: test them against a whole ARN.
            return IamStringLike.Matches("arn:aws:dynamodb:zz-region-1:000000000000:" + AnyTableResource, pattern);
        }

        return IamStringLike.Matches("dynamodb", parts[2]) && IamStringLike.Matches(AnyTableResource, parts[5]);
    }

    /// <summary>One condition of a statement: operator (e.g. <c>ForAllValues:StringEquals</c>), key, values as text.</summary>
    internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);

    /// <summary>One statement of a policy, its lists normalised to arrays.</summary>
    internal sealed record PolicyStatement(
        string? StatementId,
        bool Allows,
        bool InvertsActions,
        IReadOnlyList<string> Actions,
        bool InvertsResources,
        IReadOnlyList<string> Resources,
        IReadOnlyList<PolicyCondition> Conditions)
    {
        public bool GrantsAction(string action) =>
            InvertsActions ? !Actions.Any(p => ActionMatches(action, p)) : Actions.Any(p => ActionMatches(action, p));

        /// <summary>
        /// The resource-scoped actions granted, as evidence names them: the known ones (<see cref="ResourceActions"/>),
        /// then each pattern that grants others: an exact DynamoDB name outside both lists (e.g. a newer action), or a
        /// <c>dynamodb:</c> wildcard that matches no known action (it grants whatever AWS names that way).
        /// </summary>
        public IReadOnlyList<string> ResourceScopedGrants()
        {
            List<string> granted = [.. ResourceActions.Where(GrantsAction)];
            if (!InvertsActions)
            {
                granted.AddRange(Actions.Where(GrantsUnknownResourceAction).Distinct(StringComparer.OrdinalIgnoreCase));
            }

            return granted;
        }

        private static bool GrantsUnknownResourceAction(string pattern)
        {
            bool known = ResourceActions.Concat(ResourcelessActions).Any(a => ActionMatches(a, pattern));
            if (known)
            {
                return false;
            }

            bool wildcard = pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal);
            return wildcard
                ? pattern.StartsWith(AccessActions.ServicePrefix, StringComparison.OrdinalIgnoreCase) && pattern.Contains('*', StringComparison.Ordinal)
                : IsResourceScoped(pattern);
        }

        /// <summary>
        /// Whether a <see cref="ScopingConditionKeys"/> condition constrains requests of this item action (the rule is on
        /// <see cref="ScopingConditionKeys"/>).
        /// </summary>
        public bool ScopesItemAction(string action)
        {
            bool keyless = KeylessItemActions.Contains(action, StringComparer.OrdinalIgnoreCase);
            foreach (PolicyCondition c in Conditions)
            {
                bool leadingKeys = string.Equals(c.Key, "dynamodb:LeadingKeys", StringComparison.OrdinalIgnoreCase);
                if (!leadingKeys && !string.Equals(c.Key, "dynamodb:Attributes", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                (string? qualifier, string op, bool ifExists) = SplitOperator(c.Operator);
                if (!ScopingOperators.Contains(op, StringComparer.OrdinalIgnoreCase) || string.Equals(qualifier, "ForAnyValue", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                bool trueWhenAbsent = qualifier is not null || ifExists;
                if (!trueWhenAbsent || RequiresPresent(c.Key) || (leadingKeys && !keyless))
                {
                    return true;
                }
            }

            return false;
        }

        // Null {key: false}: the request must carry the key.
        private bool RequiresPresent(string key) => Conditions.Any(c =>
            string.Equals(c.Operator, "Null", StringComparison.OrdinalIgnoreCase)
            && string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)
            && c.Values.Count > 0
            && c.Values.All(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)));

        private static (string? Qualifier, string Operator, bool IfExists) SplitOperator(string text)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            string? qualifier = colon < 0 ? null : text[..colon];
            string op = colon < 0 ? text : text[(colon + 1)..];
            bool ifExists = op.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
            return (qualifier, ifExists ? op[..^"IfExists".Length] : op, ifExists);
        }
        /// <summary>Parses a document (IAM returns them URL-encoded). A document that is not a policy throws <see cref="FormatException"/> naming the policy.</summary>
        public static IReadOnlyList<PolicyStatement> Parse(string document, string policyId)
        {
            string json = document.TrimStart().StartsWith('%') ? Uri.UnescapeDataString(document) : document;
            try
            {
                using var parsed = JsonDocument.Parse(json);
                if (!parsed.RootElement.TryGetProperty("Statement", out JsonElement statement))
                {
                    return [];
                }

                IEnumerable<JsonElement> items = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray() : [statement];
                return [.. items.Select(ParseOne)];
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw new FormatException($"IAM policy {policyId} is not a policy document: {e.Message}", e);
            }
        }

        private static PolicyStatement ParseOne(JsonElement s)
        {
            string? sid = s.TryGetProperty("Sid", out JsonElement sidValue) && sidValue.ValueKind == JsonValueKind.String ? sidValue.GetString() : null;
            bool allows = s.TryGetProperty("Effect", out JsonElement effect) && string.Equals(effect.GetString(), "Allow", StringComparison.Ordinal);
            // A statement with neither Action nor NotAction (IAM refuses it) reads as granting nothing; likewise resources.
            bool notAction = !s.TryGetProperty("Action", out JsonElement actions) && s.TryGetProperty("NotAction", out actions);
            bool notResource = !s.TryGetProperty("Resource", out JsonElement resources) && s.TryGetProperty("NotResource", out resources);
            var conditions = new List<PolicyCondition>();
            if (s.TryGetProperty("Condition", out JsonElement condition) && condition.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty op in condition.EnumerateObject())
                {
                    if (op.Value.ValueKind == JsonValueKind.Object)
                    {
                        conditions.AddRange(op.Value.EnumerateObject().Select(k => new PolicyCondition(op.Name, k.Name, Values(k.Value))));
                    }
                }
            }

            return new PolicyStatement(sid, allows, notAction, Strings(actions), notResource, Strings(resources), conditions);
        }

        // Condition values: strings, booleans and numbers, alone or in an array, as text.
        private static string[] Values(JsonElement value) => value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(Scalar).OfType<string>()]
            : Scalar(value) is { } one ? [one] : [];

        private static string? Scalar(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };

        private static string[] Strings(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            _ => [],
        };
    }
}
