using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>least-privilege-allowlist.yaml: the exceptions to the least-privilege rules, each with
/// its reason.</summary>
public sealed record LeastPrivilegeAllowList(
    IReadOnlyList<ManagedPolicyAllowance> ManagedPolicies,
    IReadOnlyList<WildcardResourceAllowance> WildcardResourceActions)
{
    public static LeastPrivilegeAllowList Load() =>
        YamlData.Load<LeastPrivilegeAllowList>(Repository.TestData("least-privilege-allowlist.yaml"));
}

/// <summary>An AWS managed policy a role may carry; Document is AWS's published default version,
/// which the IAM simulation evaluates together with the role's own policies.</summary>
public sealed record ManagedPolicyAllowance(string Arn, string Reason, JsonObject Document);

/// <summary>An action AWS authorizes only against Resource "*".</summary>
public sealed record WildcardResourceAllowance(string Action, string Reason);
