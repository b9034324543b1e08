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

    /// <summary>DynamoDB actions with resource-level permissions, beyond <see cref="ItemActions"/>.</summary>
    public static IReadOnlyList<string> ResourceActions { get; } =
    [
        .. ItemActions,
        "dynamodb:DescribeTable", "dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable",
        "dynamodb:CreateBackup", "dynamodb:DeleteBackup", "dynamodb:RestoreTableFromBackup", "dynamodb:RestoreTableToPointInTime",
        "dynamodb:UpdateContinuousBackups", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime",
        "dynamodb:ImportTable", "dynamodb:UpdateTimeToLive", "dynamodb:DescribeTimeToLive", "dynamodb:TagResource",
        "dynamodb:UntagResource", "dynamodb:UpdateContributorInsights", "dynamodb:DescribeContributorInsights",
        "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:CreateGlobalTable",
        "dynamodb:UpdateGlobalTable", "dynamodb:UpdateTableReplicaAutoScaling",
    ];

    /// <summary>The condition keys that scope item access (any operator counts as present).</summary>
    public static IReadOnlyList<string> ScopingConditionKeys { get; } = ["dynamodb:LeadingKeys", "dynamodb:Attributes"];

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
        else if (allTables && ResourceActions.Any(a => statement.GrantsAction(a)))
        {
            string granted = string.Join(", ", ResourceActions.Where(statement.GrantsAction));
            yield return Finding(
                PostureRule.DynamoDbActionOnAllResources,
                PostureSeverity.High,
                subject,
                null,
                $"Allows {granted} on {resources} (every table); applies to {principals}.");
        }

        if (statement.HasAnyConditionKey(ScopingConditionKeys))
        {
            yield break;
        }

        foreach (ManagedTableArn table in tables.Where(t => t.RequireKeyConditions))
        {
            bool reaches = statement.InvertsResources
                ? !statement.Resources.Any(r => ResourceMatches(table.TableArn, r))
                : statement.Resources.Any(r => ResourceMatches(table.TableArn, r) || ResourceMatches(table.TableArn + "/index/zz-any-index", r));
            string[] itemActions = [.. ItemActions.Where(statement.GrantsAction)];
            if (reaches && itemActions.Length > 0)
            {
                yield return Finding(
                    PostureRule.UnconditionedTableAccess,
                    PostureSeverity.High,
                    subject + " " + table.TableArn,
                    table.Segment,
                    $"Allows {string.Join(", ", itemActions)} on {table.TableArn} with no dynamodb:LeadingKeys or dynamodb:Attributes condition; segment {table.Segment ?? "(none)"} requires one; applies to {principals}.");
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

    /// <summary>One statement of a policy, its lists normalised to arrays.</summary>
    internal sealed record PolicyStatement(
        string? StatementId,
        bool Allows,
        bool InvertsActions,
        IReadOnlyList<string> Actions,
        bool InvertsResources,
        IReadOnlyList<string> Resources,
        IReadOnlyList<string> ConditionKeys)
    {
        public bool GrantsAction(string action) =>
            InvertsActions ? !Actions.Any(p => ActionMatches(action, p)) : Actions.Any(p => ActionMatches(action, p));

        public bool HasAnyConditionKey(IReadOnlyList<string> keys) =>
            ConditionKeys.Any(k => keys.Any(wanted => string.Equals(k, wanted, StringComparison.OrdinalIgnoreCase)));

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
            var conditionKeys = new List<string>();
            if (s.TryGetProperty("Condition", out JsonElement condition) && condition.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty op in condition.EnumerateObject())
                {
                    if (op.Value.ValueKind == JsonValueKind.Object)
                    {
                        conditionKeys.AddRange(op.Value.EnumerateObject().Select(k => k.Name));
                    }
                }
            }

            return new PolicyStatement(sid, allows, notAction, Strings(actions), notResource, Strings(resources), conditionKeys);
        }

        private static string[] Strings(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            _ => [],
        };
    }
}
