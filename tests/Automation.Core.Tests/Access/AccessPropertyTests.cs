using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Core.Access;
using Automation.Core.Segments;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>
/// Properties over random requests on the sample catalog (mostly near-valid, so that many are granted): a synthesised
/// policy never grants more than both the request and the segment allow; every refusal names a rule and a field of the
/// request; a LeadingKeys condition never comes without its Null guard.
/// </summary>
public partial class AccessPropertyTests
{
    private static readonly string[] ActionTexts =
    [
        "GetItem", "dynamodb:GetItem", "BatchGetItem", "Query", "dynamodb:Query", "Scan", "ConditionCheckItem", "PutItem", "dynamodb:UpdateItem",
        "DeleteItem", "BatchWriteItem", "dynamodb:getitem",
    ];

    private static readonly string[] Forbidden = ["dynamodb:*", "*", "dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:PartiQLSelect", "s3:GetObject", "dynamodb:Get*"];

    private static Gen<string[]> SomeOf(int max, params string[] values) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ListOf(Gen.Elements(values), n)).Select(l => l.ToArray());

    private static Gen<T> Mostly<T>(Gen<T> usual, Gen<T> rare) => Gen.Frequency((4, usual), (1, rare));

    /// <summary>Anything: each field mostly plausible, sometimes wrong.</summary>
    private static readonly Gen<AccessRequest> Hostile =
        from requester in Mostly(Gen.Elements(Requester, "arn:aws:iam::123456789012:role/OnCall", "arn:aws:sts::210987654321:assumed-role/OnCall/x"),
            Gen.Elements(Lead, "alice", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/OnCall"))
        from segment in Mostly(Gen.Elements("orders", "orders-by-status", "orders-tenant-acme"), Gen.Elements("closed", "nope"))
        from indexes in Mostly(SomeOf(2, "ByCustomer", "ByStatus", "ByTotal"), SomeOf(2, "ByNothing", "ByCustomer", ""))
        from actions in Mostly(Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(Gen.Elements(ActionTexts), n)).Select(l => l.ToArray()),
            SomeOf(3, [.. Forbidden, "GetItem"]))
        from keys in Mostly(SomeOf(3, "customer#4711", "tenant#acme", "tenant#acme#eu-1", "PENDING", "a$b*c?"), SomeOf(2, "", "other#1", new string('k', 2049), "${aws:userid}"))
        from prefixes in Mostly(SomeOf(1, "customer#", "tenant#acme#", "x*?$"), SomeOf(2, "", "tenant#", "x${y"))
        from attributes in Mostly(SomeOf(3, "status", "total", "email", "pk", "createdAt"), SomeOf(3, "", "status"))
        from duration in Mostly(Gen.Choose(1, 60), Gen.Elements(-1, 0, 61, 720))
        from reason in Mostly(Gen.Constant("incident"), Gen.Elements("", " "))
        from incident in Gen.Elements<string?>(null, "inc-1", "inc-1")
        from ticket in Gen.Elements<string?>(null, "OPS-7")
        from emergency in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new AccessRequest(requester, segment, indexes, actions, keys, prefixes, attributes, duration, reason, incident, ticket, emergency);

    /// <summary>Valid by construction on one of the three segments with access (the properties still check it).</summary>
    private static readonly Gen<AccessRequest> Plausible =
        from segment in Gen.Elements("orders", "orders-by-status", "orders-tenant-acme")
        from indexes in segment switch
        {
            "orders" => SomeOf(3, "ByCustomer", "ByStatus", "ByTotal"),
            "orders-by-status" => SomeOf(1, "ByStatus"),
            _ => SomeOf(1, "ByTotal"),
        }
        from keys in segment switch
        {
            "orders" => SomeOf(3, "customer#4711", "PENDING", "a$b*c?", "客户#1", "$x{", "a{$"),
            "orders-by-status" => SomeOf(2, "PENDING", "SHIPPED"),
            _ => SomeOf(2, "tenant#acme", "tenant#acme#eu-1"),
        }
        from prefixes in segment switch
        {
            "orders" => SomeOf(2, "customer#", "x*?$"),
            "orders-by-status" => SomeOf(1, "PEND"),
            _ => SomeOf(2, "tenant#acme#", "tenant#acme$*", "tenant#acme$?{"),
        }
        from actions in Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(Gen.Elements(segment switch
        {
            "orders-by-status" => keys.Length + prefixes.Length == 0 ? ["Query", "dynamodb:Query", "Scan"] : ["Query", "dynamodb:Query"],
            "orders" when keys.Length + prefixes.Length == 0 => ["GetItem", "dynamodb:BatchGetItem", "Query", "Scan", "ConditionCheckItem", "PutItem", "dynamodb:UpdateItem"],
            _ => new[] { "GetItem", "dynamodb:BatchGetItem", "Query", "ConditionCheckItem", "PutItem", "dynamodb:UpdateItem" },
        }), n)).Select(l => l.ToArray())
        from attributes in SomeOf(3, "status", "total", "email", "pk", "createdAt", "$x")
        from duration in Gen.Choose(1, 60)
        from emergency in Gen.Elements(false, false, true)
        select new AccessRequest(Requester, segment, indexes, actions, keys, prefixes, attributes.Distinct().ToArray(), duration, "incident", "inc-1", null,
            emergency && !actions.Any(a => AccessActions.TryParse(a, out AccessAction x) && AccessActions.IsWrite(x)));

    private static readonly Arbitrary<AccessRequest> Requests = Gen.Frequency((1, Plausible), (1, Hostile)).ToArbitrary();

    [GeneratedRegex(@"^(requester|segment|reason|ticket|emergency|durationMinutes|actions|actions\[(?<i>\d+)\]|indexes\[(?<i>\d+)\]|leadingKeys(\[(?<i>\d+)\])?|leadingKeyPrefixes(\[(?<i>\d+)\])?|attributes(\[(?<i>\d+)\])?)$")]
    private static partial Regex RequestField();

    /// <summary>(b) Every refusal's rule is an AccessRules name and its field a path into the request; refusals come in checklist order.</summary>
    [Fact]
    public void Every_refusal_names_a_rule_and_a_field_of_the_request()
    {
        PropertyCases.Check(Prop.ForAll(Requests, Gen.Elements(true, false).ToArbitrary(), (request, pitr) =>
        {
            IReadOnlyList<AccessRefusal> refusals = AccessCriteria.CheckBeforeGrant(request, Catalog, pitr);

            foreach (AccessRefusal refusal in refusals)
            {
                Assert.Contains(refusal.Rule, AccessRules.Checklist);
                Match field = RequestField().Match(refusal.Field);
                Assert.True(field.Success, $"{refusal}: not a request field");
                Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
                if (field.Groups["i"].Success)
                {
                    int index = int.Parse(field.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    string list = refusal.Field[..refusal.Field.IndexOf('[', StringComparison.Ordinal)];
                    int count = list switch
                    {
                        "actions" => request.Actions.Count,
                        "indexes" => request.Indexes.Count,
                        "leadingKeys" => request.LeadingKeys.Count,
                        "leadingKeyPrefixes" => request.LeadingKeyPrefixes.Count,
                        _ => request.Attributes.Count,
                    };
                    Assert.InRange(index, 0, count - 1);
                }
            }

            int[] order = [.. refusals.Select(r => AccessRules.Checklist.ToList().IndexOf(r.Rule))];
            Assert.Equal(order.Order(), order);
            Assert.Equal(refusals, AccessCriteria.Check(request, Catalog).Concat(refusals.Where(r => r.Rule == AccessRules.PitrRequired)));
        }));
    }

    /// <summary>
    /// (a) An allowed request's policy, parsed back, grants no action, resource, key or attribute beyond both the request
    /// and the segment, and nothing after the expiry; (c) every LeadingKeys condition comes with its Null guard.
    /// </summary>
    [Fact]
    public void A_grant_never_exceeds_the_request_or_the_segment()
    {
        int granted = 0;
        PropertyCases.ForAll(Requests, request =>
        {
            if (AccessCriteria.Check(request, Catalog).Count > 0)
            {
                return;
            }

            granted++;
            SegmentDefinition segment = Catalog.Segments.Single(s => s.Name == request.Segment);
            AccessScope scope = segment.Access!;
            AccessGrant grant = Grant(request, segment);
            JsonArray statements = JsonNode.Parse(grant.PolicyDocument)!["Statement"]!.AsArray();

            HashSet<string> requested = [.. request.Actions.Select(a => AccessActions.TryParse(a, out AccessAction x) ? AccessActions.IamName(x) : "?")];
            HashSet<string> segmentAllows = [.. scope.Actions.Select(AccessActions.IamName)];
            string table = AccessPolicySynthesizer.TableArn("aws", "us-east-1", Account, segment.Covers.Table);
            HashSet<string> resources = segment.Covers.Index is { } own
                ? [$"{table}/index/{own}"]
                : [table, .. request.Indexes.Select(i => $"{table}/index/{i}")];
            (bool _, IReadOnlyList<string> indexes) = AccessPolicySynthesizer.Targets(request, segment);
            HashSet<string> attributes = [.. request.Attributes.Concat(segment.Schema.KeyAttributeNames(indexes))];

            Assert.Equal("Deny", (string)statements[^1]!["Effect"]!);
            Assert.Equal("dynamodb:PartiQL*", (string)statements[^1]!["Action"]!);
            foreach (JsonNode? statement in statements.Take(statements.Count - 1))
            {
                Assert.Equal("Allow", (string)statement!["Effect"]!);
                JsonObject condition = statement["Condition"]!.AsObject();
                Assert.All(Strings(statement["Action"]), a => Assert.True(requested.Contains(a) && segmentAllows.Contains(a), $"{a} granted"));
                Assert.All(Strings(statement["Resource"]), r => Assert.Contains(r, resources));
                DateTimeOffset expiry = DateTimeOffset.Parse((string)condition["DateLessThan"]!["aws:CurrentTime"]!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(expiry <= Now.AddMinutes(Math.Min(request.DurationMinutes, scope.MaxDurationMinutes)));

                // Keys: exactly those asked for (or the segment's prefix), always inside the segment's prefix, always guarded by Null.
                string[] equal = Strings(condition["ForAllValues:StringEquals"]?["dynamodb:LeadingKeys"]);
                string[] like = Strings(condition["ForAllValues:StringLike"]?["dynamodb:LeadingKeys"]);
                bool keysAsked = request.LeadingKeys.Count > 0 || request.LeadingKeyPrefixes.Count > 0;
                if (equal.Length + like.Length > 0)
                {
                    Assert.Equal("false", (string)condition["Null"]!["dynamodb:LeadingKeys"]!);
                }

                Assert.True(equal.Length + like.Length > 0 || (!keysAsked && segment.Covers.KeyPrefix is null), "keys asked for or a key-prefix segment, but no key condition");
                Assert.All(equal, k => Assert.Contains(k, request.LeadingKeys));
                Assert.All(equal, k => Assert.DoesNotContain("${", k, StringComparison.Ordinal));
                Assert.All(like, p =>
                {
                    Assert.EndsWith("*", p, StringComparison.Ordinal);
                    string literal = Unescape(p[..^1]);
                    Assert.DoesNotMatch(@"(?<!\$\{)[*?](?!\})", p[..^1]);   // every wildcard character of the literal part is escaped
                    Assert.DoesNotMatch(@"\$\{(?![*?$]\})", p);                // and every ${ is one of the three escapes
                    Assert.True(request.LeadingKeyPrefixes.Contains(literal) || (!keysAsked && literal == segment.Covers.KeyPrefix), $"prefix {p} not asked for");
                    Assert.StartsWith(segment.Covers.KeyPrefix ?? string.Empty, literal, StringComparison.Ordinal);
                });
                Assert.All(equal, k => Assert.StartsWith(segment.Covers.KeyPrefix ?? string.Empty, k, StringComparison.Ordinal));

                // Attributes: none asked for, no condition; else at most the asked ones plus key attributes, guarded by Null and Select/ReturnValues.
                string[] listed = Strings(condition["ForAllValues:StringEquals"]?["dynamodb:Attributes"]);
                if (request.Attributes.Count > 0)
                {
                    Assert.NotEmpty(listed);
                    Assert.All(listed, a => Assert.Contains(a, attributes));
                    Assert.Equal("false", (string)condition["Null"]!["dynamodb:Attributes"]!);
                    Assert.NotNull(condition["StringEqualsIfExists"]);
                }
                else
                {
                    Assert.Empty(listed);
                }
            }
        });
        Assert.True(granted > PropertyCases.Count / 4, $"only {granted} of {PropertyCases.Count} random requests were granted: the generator is too hostile");
    }

    /// <summary>(c) On its own: whatever the request, every statement with a LeadingKeys condition carries the Null guard.</summary>
    [Fact]
    public void The_Null_guard_accompanies_every_LeadingKeys_condition()
    {
        PropertyCases.ForAll(Requests, request =>
        {
            if (AccessCriteria.Check(request, Catalog).Count > 0)
            {
                return;
            }

            AccessGrant grant = Grant(request, Catalog.Segments.Single(s => s.Name == request.Segment));
            foreach (JsonNode? statement in JsonNode.Parse(grant.PolicyDocument)!["Statement"]!.AsArray())
            {
                if (statement!["Condition"] is not JsonObject condition)
                {
                    continue;
                }

                bool hasKeys = condition.Any(c => c.Key != "Null" && c.Value is JsonObject keys && keys.ContainsKey("dynamodb:LeadingKeys"));
                Assert.Equal(hasKeys, condition["Null"]?["dynamodb:LeadingKeys"]?.GetValue<string>() == "false");
            }
        });
    }

    private static string Unescape(string value) =>
        value.Replace("${*}", "*", StringComparison.Ordinal).Replace("${?}", "?", StringComparison.Ordinal).Replace("${$}", "$", StringComparison.Ordinal);

    private static string[] Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(v => (string)v!)],
        _ => [(string)node!],
    };
}
