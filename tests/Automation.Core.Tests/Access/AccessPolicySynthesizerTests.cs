using System.Text.Json.Nodes;
using Automation.Core.Access;
using Automation.Core.Errors;
using Automation.Core.Segments;

using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>The exact shape of synthesised grants: policy, trust policy, role, tags, session duration, hold, size.</summary>
public class AccessPolicySynthesizerTests
{
    private const string Table = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";

    [Fact]
    public void The_sample_grant_is_exactly_the_keys_attributes_and_time_asked_for()
    {
        AccessGrant grant = Grant(Valid);

        Assert.Equal(
            """
            {"Version":"2012-10-17","Statement":[{"Sid":"ReadKeys","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],"Resource":["TABLE","TABLE/index/ByCustomer"],"Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["customer#4711"],"dynamodb:Attributes":["status","total","pk","sk","customerId","createdAt"]},"Null":{"dynamodb:LeadingKeys":"false","dynamodb:Attributes":"false"},"StringEqualsIfExists":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"},"DateLessThan":{"aws:CurrentTime":"2026-11-20T02:43:00Z"}}},{"Sid":"DenyPartiQL","Effect":"Deny","Action":"dynamodb:PartiQL*","Resource":"*"}]}
            """.Replace("TABLE", Table, StringComparison.Ordinal),
            grant.PolicyDocument);
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"Requester","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/OnCall"},"Action":"sts:AssumeRole","Condition":{"DateLessThan":{"aws:CurrentTime":"2026-11-20T02:43:00Z"},"StringLike":{"aws:userid":"*:alice"}}}]}""",
            grant.TrustPolicyDocument);
        Assert.Equal(("break-glass-req-1", "/break-glass/", "break-glass-grant"), (grant.RoleName, grant.RolePath, grant.PolicyName));
        Assert.Equal((Now.AddMinutes(30), 1800, 3600), (grant.ExpiresAt, grant.HoldSeconds, grant.MaxSessionDurationSeconds));
        Assert.Equal(grant.PolicyDocument.Length, grant.PolicySize);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["break-glass:request-id"] = "req-1",
                ["break-glass:expires-at"] = "2026-11-20T02:43:00Z",
                ["break-glass:requester"] = Requester,
            },
            grant.Tags);
    }

    [Fact]
    public void Reads_and_writes_get_their_own_statements_per_kind_of_key()
    {
        AccessRequest request = Valid with { Actions = ["UpdateItem", "GetItem", "PutItem"], LeadingKeyPrefixes = ["customer#9"] };

        JsonArray statements = Statements(Grant(request));

        Assert.Equal(["ReadKeys", "ReadKeyPrefixes", "WriteKeys", "WriteKeyPrefixes", "DenyPartiQL"], statements.Select(s => (string)s!["Sid"]!));
        Assert.Equal(["dynamodb:GetItem"], Strings(statements[1]!["Action"]));
        Assert.Equal(["dynamodb:PutItem", "dynamodb:UpdateItem"], Strings(statements[2]!["Action"]));
        Assert.Equal(["customer#9*"], Strings(statements[1]!["Condition"]!["ForAllValues:StringLike"]!["dynamodb:LeadingKeys"]));
        Assert.Equal(["customer#4711"], Strings(statements[2]!["Condition"]!["ForAllValues:StringEquals"]!["dynamodb:LeadingKeys"]));
        JsonNode writeCondition = statements[3]!["Condition"]!;
        Assert.Equal(["NONE", "UPDATED_OLD", "UPDATED_NEW"], Strings(writeCondition["StringEqualsIfExists"]!["dynamodb:ReturnValues"]));
        Assert.Null(writeCondition["StringEqualsIfExists"]!["dynamodb:Select"]);
        Assert.All(statements.Take(4), s =>
        {
            Assert.Equal("2026-11-20T02:43:00Z", (string)s!["Condition"]!["DateLessThan"]!["aws:CurrentTime"]!);
            Assert.Equal("false", (string)s["Condition"]!["Null"]!["dynamodb:LeadingKeys"]!);
            Assert.Equal("false", (string)s["Condition"]!["Null"]!["dynamodb:Attributes"]!);
        });
    }

    [Fact]
    public void No_keys_on_a_table_segment_means_no_key_condition()
    {
        JsonArray statements = Statements(Grant(Valid with { LeadingKeys = [], Attributes = [], Actions = ["Scan", "Query"], Indexes = [] }));

        JsonNode allow = statements[0]!;
        Assert.Equal("ReadAnyKey", (string)allow["Sid"]!);
        Assert.Equal([Table], Strings(allow["Resource"]));
        Assert.Equal(["DateLessThan"], allow["Condition"]!.AsObject().Select(c => c.Key));
    }

    [Fact]
    public void A_key_prefix_segment_without_keys_is_limited_to_its_prefix()
    {
        JsonNode allow = Statements(Grant(Valid with { Segment = "orders-tenant-acme", Indexes = ["ByTotal"], LeadingKeys = [], Attributes = [] }, Acme))[0]!;

        Assert.Equal("ReadKeyPrefixes", (string)allow["Sid"]!);
        Assert.Equal(["tenant#acme*"], Strings(allow["Condition"]!["ForAllValues:StringLike"]!["dynamodb:LeadingKeys"]));
        Assert.Equal("false", (string)allow["Condition"]!["Null"]!["dynamodb:LeadingKeys"]!);
        Assert.Equal([Table, Table + "/index/ByTotal"], Strings(allow["Resource"]));
    }

    [Fact]
    public void An_index_segment_grants_its_index_only_with_every_key_attribute_in_scope()
    {
        JsonNode allow = Statements(Grant(Valid with { Segment = "orders-by-status", Indexes = [], Actions = ["Query"], LeadingKeys = ["PENDING"], Attributes = ["total"] }, ByStatus))[0]!;

        Assert.Equal([Table + "/index/ByStatus"], Strings(allow["Resource"]));
        Assert.Equal(["total", "pk", "sk", "status", "createdAt"], Strings(allow["Condition"]!["ForAllValues:StringEquals"]!["dynamodb:Attributes"]));
    }

    [Fact]
    public void Key_attributes_of_every_index_in_scope_are_always_allowed()
    {
        JsonNode allow = Statements(Grant(Valid with { Indexes = ["ByCustomer", "ByStatus", "ByTotal"], Attributes = ["sk", "note"] }))[0]!;

        Assert.Equal(["sk", "note", "pk", "customerId", "createdAt", "status", "total"], Strings(allow["Condition"]!["ForAllValues:StringEquals"]!["dynamodb:Attributes"]));
        Assert.Equal(4, Strings(allow["Resource"]).Count);
    }

    [Fact]
    public void Values_stay_literal()
    {
        AccessGrant grant = Grant(Valid with { LeadingKeys = ["a$b*c?"], LeadingKeyPrefixes = ["p*?$", "q${x"], Attributes = ["$x"] });
        JsonArray statements = Statements(grant);

        Assert.Equal(["a$b*c?"], Strings(statements[0]!["Condition"]!["ForAllValues:StringEquals"]!["dynamodb:LeadingKeys"]));
        Assert.Equal(["p${*}${?}$*", "q${$}{x*"], Strings(statements[1]!["Condition"]!["ForAllValues:StringLike"]!["dynamodb:LeadingKeys"]));
        Assert.Contains("$x", Strings(statements[0]!["Condition"]!["ForAllValues:StringEquals"]!["dynamodb:Attributes"]));
        Assert.Throws<ArgumentException>(() => Grant(Valid with { LeadingKeys = ["${aws:username}"] }));
    }

    [Fact]
    public void Characters_IAM_does_not_take_raw_are_json_escapes()
    {
        AccessGrant grant = Grant(Valid with { LeadingKeys = ["kunde#müller", "客户#1"] });

        Assert.All(grant.PolicyDocument, c => Assert.True(c <= '\u00FF', $"U+{(int)c:X4} in the policy"));
        Assert.Contains("kunde#müller", grant.PolicyDocument, StringComparison.Ordinal);
        Assert.Contains("\\u5BA2\\u6237#1", grant.PolicyDocument, StringComparison.Ordinal);
        Assert.Equal(["kunde#müller", "客户#1"], Strings(Statements(grant)[0]!["Condition"]!["ForAllValues:StringEquals"]!["dynamodb:LeadingKeys"]));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/ops/alice", "arn:aws:iam::123456789012:user/ops/alice", null)]
    [InlineData("arn:aws:iam::123456789012:role/OnCall", "arn:aws:iam::123456789012:role/OnCall", null)]
    [InlineData("arn:aws-us-gov:sts::123456789012:assumed-role/OnCall/alice@example.com", "arn:aws-us-gov:iam::123456789012:role/OnCall", "*:alice@example.com")]
    public void The_trust_policy_names_the_requester_only(string requester, string principal, string? userId)
    {
        JsonNode statement = JsonNode.Parse(Grant(Valid with { Requester = requester }).TrustPolicyDocument)!["Statement"]![0]!;

        Assert.Equal(principal, (string)statement["Principal"]!["AWS"]!);
        Assert.Equal("sts:AssumeRole", (string)statement["Action"]!);
        Assert.Equal("2026-11-20T02:43:00Z", (string)statement["Condition"]!["DateLessThan"]!["aws:CurrentTime"]!);
        Assert.Equal(userId, (string?)statement["Condition"]!["StringLike"]?["aws:userid"]);
    }

    [Theory]
    [InlineData(1, 3600)]
    [InlineData(60, 3600)]
    [InlineData(61, 7200)]
    [InlineData(120, 7200)]
    [InlineData(121, 10800)]
    [InlineData(720, 43200)]
    [InlineData(2000, 43200)]
    public void MaxSessionDuration_fits_the_grant_in_whole_hours(int minutes, int seconds)
    {
        Assert.Equal(seconds, AccessPolicySynthesizer.MaxSessionDurationFor(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void The_expiry_is_in_whole_seconds_and_the_hold_ends_no_later()
    {
        DateTimeOffset now = Now.AddMilliseconds(700);

        AccessGrant grant = AccessPolicySynthesizer.Synthesize("req-1", Valid with { DurationMinutes = 61 }, Orders, "aws", "eu-west-1", Account, "/", now);

        Assert.Equal(Now.AddMinutes(61), grant.ExpiresAt);
        Assert.Equal((61 * 60) - 1, grant.HoldSeconds);
        Assert.Equal(7200, grant.MaxSessionDurationSeconds);
    }

    [Fact]
    public void An_extended_window_moves_every_expiry()
    {
        DateTimeOffset extended = Now.AddMinutes(90);

        AccessGrant grant = AccessPolicySynthesizer.Synthesize("req-1", Valid, Orders, "aws", "us-east-1", Account, RolePath, Now.AddMinutes(20), extended);

        Assert.Equal(Grant(Valid).PolicyDocument.Replace("02:43:00Z", "03:43:00Z", StringComparison.Ordinal), grant.PolicyDocument);
        Assert.Contains("03:43:00Z", grant.TrustPolicyDocument, StringComparison.Ordinal);
        Assert.Equal(("2026-11-20T03:43:00Z", 70 * 60, 7200), (grant.Tags[AccessPolicySynthesizer.ExpiresAtTag], grant.HoldSeconds, grant.MaxSessionDurationSeconds));
    }

    [Fact]
    public void Tag_values_keep_to_IAM_s_charset_and_length()
    {
        Assert.Equal("arn:aws:sts::1:assumed-role/R/a_b_c", AccessPolicySynthesizer.TagValue("arn:aws:sts::1:assumed-role/R/a,b#c"));
        Assert.Equal("Zoë 1 _=+-@.:/", AccessPolicySynthesizer.TagValue("Zoë 1 *=+-@.:/"));
        Assert.Equal(256, AccessPolicySynthesizer.TagValue(new string('a', 300)).Length);
        Assert.Equal("__", AccessPolicySynthesizer.TagValue("😀"));
        AccessGrant grant = Grant(Valid with { Requester = "arn:aws:sts::123456789012:assumed-role/OnCall/a,b" });
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/OnCall/a_b", grant.Tags[AccessPolicySynthesizer.RequesterTag]);
        Assert.All(grant.Tags.Values, v => Assert.Matches(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", v));
    }

    [Theory]
    [InlineData("req-1", "break-glass-req-1")]
    [InlineData("0123456789012345678901234567890123456789012345678901", "break-glass-0123456789012345678901234567890123456789012345678901")]
    public void Role_names(string requestId, string name)
    {
        Assert.Equal(name, AccessPolicySynthesizer.RoleNameFor(requestId));
        Assert.True(name.Length <= 64);
    }

    [Theory]
    [InlineData("01234567890123456789012345678901234567890123456789012")]   // 53: the name would be 65
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("a b")]
    public void Request_ids_that_cannot_name_a_role_are_refused(string requestId)
    {
        AutomationException error = Assert.Throws<AutomationException>(() => AccessPolicySynthesizer.RoleNameFor(requestId));
        Assert.Equal((ErrorTypes.InvalidInput, "requestId"), (error.ErrorType, error.Field));
    }

    [Theory]
    [InlineData("break-glass/")]
    [InlineData("/break-glass")]
    [InlineData("//")]
    [InlineData("/a b/")]
    public void Role_paths_are_IAM_paths(string path)
    {
        AutomationException error = Assert.Throws<AutomationException>(() =>
            AccessPolicySynthesizer.Synthesize("req-1", Valid, Orders, "aws", "us-east-1", Account, path, Now));
        Assert.Equal("rolePath", error.Field);
    }

    [Fact]
    public void A_policy_over_the_limit_is_refused_even_when_synthesised_directly()
    {
        string[] keys = [.. Enumerable.Range(0, 400).Select(i => $"customer#{i:D20}")];

        AutomationException error = Assert.Throws<AutomationException>(() => Grant(Valid with { LeadingKeys = keys }));

        Assert.Equal((ErrorTypes.AccessRefused, "leadingKeys"), (error.ErrorType, error.Field));
        Assert.Contains(AccessRules.PolicyTooLarge, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_policy_that_fits_is_granted_and_one_more_key_is_refused()
    {
        // Grow the key list until the criteria refuse: the last allowed request's grant (with the real, shorter ARNs) fits with the revoke policy.
        var keys = new List<string>();
        AccessRequest Request() => Valid with { LeadingKeys = [.. keys] };
        while (AccessCriteria.Check(Request(), Catalog).Count == 0)
        {
            keys.Add($"customer#{keys.Count:D12}");
        }

        keys.RemoveAt(keys.Count - 1);
        AccessGrant grant = Grant(Request());
        Assert.True(grant.PolicySize + AccessPolicySynthesizer.RevokeSessionsPolicySize <= AccessPolicySynthesizer.InlinePolicyLimit);
        Assert.True(grant.PolicySize + AccessPolicySynthesizer.RevokeSessionsPolicySize > AccessPolicySynthesizer.InlinePolicyLimit - 100, $"{grant.PolicySize}: the estimate is conservative by ARN length only");
    }

    [Fact]
    public void The_revoke_policy_denies_every_session_issued_before_it()
    {
        string policy = AccessPolicySynthesizer.RevokeSessionsPolicy(Now.AddMilliseconds(250));

        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"RevokeOlderSessions","Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-20T02:13:01Z"}}}]}""",
            policy);
        Assert.Equal(policy.Length, AccessPolicySynthesizer.RevokeSessionsPolicySize);
    }

    [Fact]
    public void A_request_that_is_not_grantable_is_refused()
    {
        Assert.Equal(ErrorTypes.AccessRefused, Assert.Throws<AutomationException>(() => Grant(Valid with { Actions = ["dynamodb:*"] })).ErrorType);
        Assert.Equal(ErrorTypes.AccessRefused, Assert.Throws<AutomationException>(() => Grant(Valid, Closed)).ErrorType);
        Assert.Equal(ErrorTypes.AccessRefused, Assert.Throws<AutomationException>(() => Grant(Valid with { Requester = "arn:aws:iam::1:root" })).ErrorType);
    }

    internal static JsonArray Statements(AccessGrant grant) => JsonNode.Parse(grant.PolicyDocument)!["Statement"]!.AsArray();

    internal static List<string> Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(v => (string)v!)] : [(string)node!];
}
