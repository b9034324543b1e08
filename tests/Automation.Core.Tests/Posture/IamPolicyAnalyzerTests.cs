using Automation.Core.Posture;

using static Automation.Core.Tests.Posture.PostureSamples;

namespace Automation.Core.Tests.Posture;

public class IamPolicyAnalyzerTests
{
    private static readonly ManagedTableArn Plain = new(Arn, "orders", RequireKeyConditions: false);
    private static readonly ManagedTableArn Scoped = new(Arn, "orders", RequireKeyConditions: true);

    private static IReadOnlyList<PostureFinding> Analyze(string document, ManagedTableArn? table = null, string[]? exempt = null, string[]? attachedTo = null) =>
        IamPolicyAnalyzer.Analyze([Policy(document, attachedTo ?? [])], [table ?? Plain], exempt ?? []);

    [Fact]
    public void Get_star_on_one_table_is_fine_and_dynamodb_star_on_star_is_critical()
    {
        Assert.Empty(Analyze(Statement("\"dynamodb:Get*\"", $"\"{Arn}\"")));

        PostureFinding f = Assert.Single(Analyze(Statement("\"dynamodb:*\"", "\"*\"")));
        Assert.Equal((PostureRule.DynamoDbWildcardAction, PostureSeverity.Critical), (f.Rule, f.Severity));
        Assert.Equal("arn:aws:iam::123456789012:policy/app#0", f.Subject);
        Assert.Contains("role/app", f.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"dynamodb:*\"", "\"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders\"", PostureSeverity.High)]
    [InlineData("\"DynamoDB:*\"", "\"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders\"", PostureSeverity.High)]
    [InlineData("\"*\"", "\"*\"", PostureSeverity.Critical)]
    [InlineData("[\"s3:GetObject\",\"dynamo*\"]", "\"*\"", PostureSeverity.Critical)]
    public void Every_pattern_that_grants_all_of_dynamodb_is_a_wildcard(string actions, string resources, PostureSeverity severity)
    {
        PostureFinding f = Assert.Single(Analyze(Statement(actions, resources)));
        Assert.Equal((PostureRule.DynamoDbWildcardAction, severity), (f.Rule, f.Severity));
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("\"arn:aws:dynamodb:*:*:table/*\"")]
    [InlineData("\"arn:aws:dynamodb:eu-west-1:123456789012:*\"")]
    [InlineData("[\"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders\",\"arn:aws:dynamodb:*:123456789012:table/*\"]")]
    public void A_resource_action_on_every_table_is_high(string resources)
    {
        PostureFinding f = Assert.Single(Analyze(Statement("[\"dynamodb:GetItem\",\"dynamodb:Query\"]", resources)));
        Assert.Equal((PostureRule.DynamoDbActionOnAllResources, PostureSeverity.High), (f.Rule, f.Severity));
        Assert.Contains("dynamodb:GetItem, dynamodb:Query", f.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders*\"")]
    [InlineData("\"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/index/*\"")]
    [InlineData("\"arn:aws:s3:::bucket/*\"")]
    public void Narrower_resources_are_not_every_table(string resources)
    {
        Assert.Empty(Analyze(Statement("\"dynamodb:GetItem\"", resources)));
    }

    [Fact]
    public void Actions_that_only_take_star_are_not_a_finding_on_star()
    {
        Assert.Empty(Analyze(Statement("[\"dynamodb:ListTables\",\"dynamodb:DescribeLimits\"]", "\"*\"")));
        Assert.Single(Analyze(Statement("[\"dynamodb:ListTables\",\"dynamodb:DescribeTable\"]", "\"*\"")));
    }

    [Fact]
    public void NotAction_and_NotResource_are_read_as_what_they_allow()
    {
        string notAction = """{"Statement":{"Effect":"Allow","NotAction":"dynamodb:DeleteTable","Resource":"*"}}""";
        Assert.Equal(PostureRule.DynamoDbWildcardAction, Assert.Single(Analyze(notAction)).Rule);

        string notDynamo = """{"Statement":{"Effect":"Allow","NotAction":["dynamodb:*"],"Resource":"*"}}""";
        Assert.Empty(Analyze(notDynamo));

        string notResource = """{"Statement":{"Effect":"Allow","Action":"dynamodb:PutItem","NotResource":"arn:aws:dynamodb:eu-west-1:123456789012:table/Audit"}}""";
        Assert.Equal(PostureRule.DynamoDbActionOnAllResources, Assert.Single(Analyze(notResource)).Rule);
    }

    [Fact]
    public void Deny_statements_grant_nothing()
    {
        Assert.Empty(Analyze(Statement("\"dynamodb:*\"", "\"*\"", effect: "Deny")));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("""{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:userid}"]}}""", false)]
    [InlineData("""{"ForAllValues:StringEquals":{"dynamodb:attributes":["pk","status"]},"Null":{"dynamodb:Attributes":false}}""", false)]
    [InlineData("""{"Bool":{"aws:SecureTransport":"true"}}""", true)]
    public void Access_to_a_scoped_table_needs_key_or_attribute_conditions(string? condition, bool finding)
    {
        IReadOnlyList<PostureFinding> findings = Analyze(Statement("[\"dynamodb:Query\",\"dynamodb:DescribeTable\"]", $"[\"{Arn}\",\"{Arn}/index/*\"]", condition), Scoped);

        Assert.Equal(finding, findings.Any(f => f.Rule == PostureRule.UnconditionedTableAccess));
        if (finding)
        {
            PostureFinding f = findings.Single();
            Assert.Equal(("orders", PostureSeverity.High), (f.Segment, f.Severity));
            Assert.Contains("dynamodb:Query", f.Evidence, StringComparison.Ordinal);
            Assert.DoesNotContain("DescribeTable", f.Evidence, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"Null":{"dynamodb:LeadingKeys":"true"}}""", "dynamodb:Query, dynamodb:Scan")]
    [InlineData("""{"Null":{"dynamodb:LeadingKeys":"false"}}""", "dynamodb:Query, dynamodb:Scan")]
    [InlineData("""{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:userid}"]}}""", "dynamodb:Scan")]
    [InlineData("""{"StringEqualsIfExists":{"dynamodb:LeadingKeys":"${aws:userid}"}}""", "dynamodb:Scan")]
    [InlineData("""{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:userid}"]},"Null":{"dynamodb:LeadingKeys":"true"}}""", "dynamodb:Scan")]
    [InlineData("""{"StringNotEquals":{"dynamodb:LeadingKeys":"admin"}}""", "dynamodb:Query, dynamodb:Scan")]
    [InlineData("""{"ForAllValues:StringNotLike":{"dynamodb:LeadingKeys":["admin*"]},"Null":{"dynamodb:LeadingKeys":"false"}}""", "dynamodb:Query, dynamodb:Scan")]
    [InlineData("""{"ForAnyValue:StringEquals":{"dynamodb:LeadingKeys":["${aws:userid}"]}}""", "dynamodb:Query, dynamodb:Scan")]
    [InlineData("""{"ForAllValues:StringEquals":{"dynamodb:Attributes":["pk","status"]}}""", "dynamodb:Query, dynamodb:Scan")]
    [InlineData("""{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:userid}"]},"Null":{"dynamodb:LeadingKeys":"false"}}""", null)]
    [InlineData("""{"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["tenant#1#*"]},"Null":{"dynamodb:LeadingKeys":[false]}}""", null)]
    [InlineData("""{"StringEquals":{"dynamodb:LeadingKeys":"${aws:userid}"}}""", null)]
    [InlineData("""{"ForAllValues:StringEquals":{"dynamodb:Attributes":["pk","status"]},"Null":{"dynamodb:Attributes":"false"}}""", null)]
    public void Only_a_condition_that_constrains_the_key_counts_as_scoping(string condition, string? unscoped)
    {
        IReadOnlyList<PostureFinding> findings = Analyze(Statement("[\"dynamodb:Query\",\"dynamodb:Scan\"]", $"\"{Arn}\"", condition), Scoped);

        if (unscoped is null)
        {
            Assert.Empty(findings);
            return;
        }

        PostureFinding f = Assert.Single(findings);
        Assert.Equal(PostureRule.UnconditionedTableAccess, f.Rule);
        Assert.StartsWith($"Allows {unscoped} on {Arn} ", f.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dynamodb:PutResourcePolicy")]
    [InlineData("dynamodb:DeleteResourcePolicy")]
    [InlineData("dynamodb:ListTagsOfResource")]
    [InlineData("dynamodb:DescribeBackup")]
    [InlineData("dynamodb:StartAwsBackupJob")]
    [InlineData("dynamodb:CreateTableReplica")]
    [InlineData("DYNAMODB:putResourcePolicy")]
    [InlineData("dynamodb:DescribeSomethingNewer")]
    [InlineData("dynamodb:Newer*")]
    [InlineData("dynamodb:List*")]
    public void Every_DynamoDB_action_but_the_resourceless_ones_is_a_finding_on_every_table(string action)
    {
        PostureFinding f = Assert.Single(Analyze(Statement($"\"{action}\"", "\"*\"")));

        Assert.Equal((PostureRule.DynamoDbActionOnAllResources, PostureSeverity.High), (f.Rule, f.Severity));
        Assert.StartsWith("Allows dynamodb:", f.Evidence, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("dynamodb:ListTables*")]
    [InlineData("dynamodb:DescribeReserved*")]
    [InlineData("dynamodb:describelimits")]
    [InlineData("s3:PutBucketPolicy")]
    public void Patterns_that_reach_only_resourceless_or_other_services_actions_are_fine_on_star(string action)
    {
        Assert.Empty(Analyze(Statement($"\"{action}\"", "\"*\"")));
    }

    [Fact]
    public void NotResource_that_leaves_the_tables_indexes_in_reaches_the_table()
    {
        string tableOnly = $$$"""{"Statement":{"Effect":"Allow","Action":"dynamodb:Query","NotResource":"{{{Arn}}}"}}""";
        PostureFinding f = Assert.Single(Analyze(tableOnly, Scoped), f => f.Rule == PostureRule.UnconditionedTableAccess);
        Assert.Equal("orders", f.Segment);

        string tableAndIndexes = $$$"""{"Statement":{"Effect":"Allow","Action":"dynamodb:Query","NotResource":["{{{Arn}}}","{{{Arn}}}/index/*"]}}""";
        Assert.DoesNotContain(Analyze(tableAndIndexes, Scoped), f => f.Rule == PostureRule.UnconditionedTableAccess);
    }

    [Fact]
    public void An_unscoped_table_or_a_statement_without_item_actions_needs_no_conditions()
    {
        Assert.Empty(Analyze(Statement("\"dynamodb:Query\"", $"\"{Arn}\""), Plain));
        Assert.Empty(Analyze(Statement("\"dynamodb:DescribeTable\"", $"\"{Arn}\""), Scoped));
        Assert.Empty(Analyze(Statement("\"dynamodb:Query\"", "\"arn:aws:dynamodb:eu-west-1:123456789012:table/Other\""), Scoped));
    }

    [Fact]
    public void Exempt_and_unattached_policies_are_skipped()
    {
        string broad = Statement("\"dynamodb:*\"", "\"*\"");
        Assert.Empty(Analyze(broad, exempt: ["arn:aws:iam::123456789012:role/ddb-automation-*"], attachedTo: ["arn:aws:iam::123456789012:role/ddb-automation-Diagnose"]));
        Assert.Single(Analyze(broad, exempt: ["arn:aws:iam::123456789012:role/ddb-automation-*"], attachedTo: ["arn:aws:iam::123456789012:role/ddb-automation-x", "arn:aws:iam::123456789012:role/app"]));
        Assert.Empty(IamPolicyAnalyzer.Analyze([new IamPolicyFact("p", [], broad)], [Plain], []));
    }

    [Fact]
    public void Url_encoded_documents_single_statements_and_sids_are_read()
    {
        string encoded = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":{"Sid":"All","Effect":"Allow","Action":"dynamodb:*","Resource":"*"}}""");
        PostureFinding f = Assert.Single(Analyze(encoded));
        Assert.EndsWith("#All", f.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_json_names_the_policy()
    {
        var e = Assert.Throws<FormatException>(() => Analyze("{not json"));
        Assert.Contains("policy/app", e.Message, StringComparison.Ordinal);
    }
}
