using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// Least privilege over what CloudFormation receives (after the SAM transform, so policy templates
/// and SAM-added policies count too): no all-actions grants, no Resource "*" without a stated and
/// verified reason, and only allow-listed AWS managed policies.
/// </summary>
public sealed class LeastPrivilegeTests(LeastPrivilegeFixture fixture) : IClassFixture<LeastPrivilegeFixture>
{
    [Fact]
    public void No_statement_grants_every_action_of_a_service()
    {
        Problems.AssertNone(LeastPrivilegeRules.BroadGrants(fixture.Statements).ToArray(), "Over-broad grants");
    }

    [Fact]
    public void Resource_wildcards_are_declared_and_unavoidable()
    {
        string[] problems = LeastPrivilegeRules
            .UnjustifiedWildcardResources(fixture.Statements, fixture.AllowList, fixture.ActionFacts)
            .ToArray();

        Problems.AssertNone(problems, "Resource \"*\" without a reason AWS forces it");
    }

    [Fact]
    public void Rules_reject_broad_control_statements()
    {
        string[] broad = LeastPrivilegeRules.BroadGrants(fixture.ControlStatements).ToArray();
        string[] wildcard = LeastPrivilegeRules
            .UnjustifiedWildcardResources(fixture.ControlStatements, fixture.AllowList, fixture.ActionFacts)
            .ToArray();

        Assert.Contains(broad, p => p.Contains("\"dynamodb:*\"", StringComparison.Ordinal));
        Assert.Contains(broad, p => p.Contains("NotAction", StringComparison.Ordinal));
        Assert.Contains(wildcard, p => p.Contains("Statement[2]", StringComparison.Ordinal)
            && p.Contains(LeastPrivilegeRules.NoResourceLevelSidPrefix, StringComparison.Ordinal));
        Assert.Contains(wildcard, p => p.Contains("Statement[3]", StringComparison.Ordinal)
            && p.Contains("dynamodb:UpdateTable can be scoped to table", StringComparison.Ordinal));
    }

    [Fact]
    public void Allow_listed_wildcard_actions_have_a_reason_and_really_have_no_resource()
    {
        List<string> problems = [];
        foreach (WildcardResourceAllowance entry in fixture.AllowList.WildcardResourceActions)
        {
            ActionResourceTypes fact = fixture.ActionFacts[entry.Action];
            if (string.IsNullOrWhiteSpace(entry.Reason))
            {
                problems.Add($"{entry.Action}: no reason given");
            }

            if (!fact.Exists)
            {
                problems.Add($"{entry.Action}: not an IAM action AWS knows");
            }
            else if (fact.RequiredResourceTypes.Count > 0)
            {
                problems.Add($"{entry.Action}: AWS lets it be scoped to {string.Join(", ", fact.RequiredResourceTypes)}; "
                    + "it does not belong on the allow-list");
            }
        }

        Problems.AssertNone(problems, "least-privilege-allowlist.yaml wildcardResourceActions");
    }

    [Fact]
    public void Managed_policies_are_allow_listed_with_a_reason()
    {
        Dictionary<string, ManagedPolicyAllowance> allowed = fixture.AllowList.ManagedPolicies.ToDictionary(m => m.Arn);
        HashSet<string> used = [];
        List<string> problems = [];
        foreach (IamRole role in TemplateBundle.Current.Roles)
        {
            foreach (string arn in role.ManagedPolicyArns)
            {
                used.Add(arn);
                if (!allowed.ContainsKey(arn))
                {
                    problems.Add($"{role.LogicalId}: managed policy {arn} is not in least-privilege-allowlist.yaml "
                        + "(prefer an inline policy naming the resources; else add it with the reason and its document)");
                }
            }
        }

        problems.AddRange(fixture.AllowList.ManagedPolicies
            .Where(m => string.IsNullOrWhiteSpace(m.Reason) || m.Document["Statement"] is null)
            .Select(m => $"{m.Arn}: an entry needs a reason and the policy document"));
        problems.AddRange(allowed.Keys
            .Where(arn => !used.Contains(arn))
            .Select(arn => $"{arn}: allow-listed but no role uses it any more; remove the entry"));

        Problems.AssertNone(problems, "Managed policies");
    }
}
