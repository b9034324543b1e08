using System.Text.RegularExpressions;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>The least-privilege rules, as functions from statements to problems (so they can be
/// shown to catch a bad statement, not only to pass the good template).</summary>
internal static partial class LeastPrivilegeRules
{
    /// <summary>Sid prefix that declares "AWS offers no narrower resource for these actions".</summary>
    public const string NoResourceLevelSidPrefix = "NoResourceLevelPermissions";

    private static readonly string[] GrantEverythingExcept = ["NotAction", "NotResource"];

    /// <summary>Allow statements granting "*" or "service:*", or using NotAction/NotResource (which
    /// grant everything except a list).</summary>
    public static IEnumerable<string> BroadGrants(IEnumerable<PolicyStatement> statements)
    {
        foreach (PolicyStatement statement in statements.Where(s => s.Effect == "Allow"))
        {
            foreach (string action in statement.Actions.Where(a => EveryActionOfAService().IsMatch(a)))
            {
                yield return $"{statement.Location}: Action \"{action}\" grants every action; list the actions it needs";
            }

            foreach (string key in GrantEverythingExcept.Where(statement.Has))
            {
                yield return $"{statement.Location}: {key} in an Allow statement grants everything not listed";
            }
        }
    }

    /// <summary>Allow statements on Resource "*" that do not say why, or whose actions AWS does let
    /// you scope to a resource.</summary>
    public static IEnumerable<string> UnjustifiedWildcardResources(
        IEnumerable<PolicyStatement> statements,
        LeastPrivilegeAllowList allowList,
        IReadOnlyDictionary<string, ActionResourceTypes> facts)
    {
        HashSet<string> allowed = allowList.WildcardResourceActions.Select(a => a.Action).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (PolicyStatement statement in WildcardResourceAllows(statements))
        {
            bool declared = statement.Sid?.StartsWith(NoResourceLevelSidPrefix, StringComparison.Ordinal) == true
                || statement.Actions.All(allowed.Contains);
            if (!declared)
            {
                yield return $"{statement.Location}: Resource \"*\" for {string.Join(", ", statement.Actions)}. "
                    + "Name the resources; if AWS offers no narrower form, say so with a Sid starting "
                    + $"{NoResourceLevelSidPrefix} or an entry (with reason) in least-privilege-allowlist.yaml";
                continue;
            }

            foreach (string action in statement.Actions)
            {
                if (!facts.TryGetValue(action, out ActionResourceTypes? fact) || !fact.Exists)
                {
                    yield return $"{statement.Location}: {action} is not an IAM action AWS knows";
                }
                else if (fact.RequiredResourceTypes.Count > 0)
                {
                    yield return $"{statement.Location}: Resource \"*\" but {action} can be scoped to "
                        + $"{string.Join(", ", fact.RequiredResourceTypes)} resources; name them";
                }
            }
        }
    }

    public static IEnumerable<PolicyStatement> WildcardResourceAllows(IEnumerable<PolicyStatement> statements) =>
        statements.Where(s => s.Effect == "Allow" && s.Resources.Contains("*"));

    [GeneratedRegex(@"^([A-Za-z0-9-]+:)?\*$")]
    private static partial Regex EveryActionOfAService();
}
