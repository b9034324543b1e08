using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>An AWS::IAM::Role of the translated template with its policies, intrinsics resolved to
/// fake values.</summary>
public sealed record IamRole(
    string LogicalId,
    string Arn,
    IReadOnlyList<string> AssumedBy,
    IReadOnlyList<string> ManagedPolicyArns,
    IReadOnlyList<IamRolePolicy> Policies);

/// <summary>A policy document attached to a role; Source says where it is defined.</summary>
public sealed record IamRolePolicy(string Name, string Source, JsonObject Document);
