using System.Text.Json.Nodes;

using Automation.Core.Access;
using Automation.Core.Posture;
using Automation.Core.Queries;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using static Automation.Core.Tests.Posture.PostureSamples;

namespace Automation.Core.Tests.Posture;

/// <summary>
/// Properties of the posture rules: least-privilege policies never produce an IAM finding, adding a broad statement
/// always does, the item-size verdict only grows with the item, the size breakdown adds up to DynamoDB's size, and
/// the run-to-run diff partitions the findings.
/// </summary>
public class PosturePropertyTests
{
    private static readonly Gen<string> Names = Gen.Elements("Orders", "Users", "Audit", "Events-2026", "a.b_c");

    private static readonly Gen<string[]> ExplicitActions =
        from n in Gen.Choose(1, 4)
        from actions in Gen.ListOf(Gen.Elements([.. AccessActions.All.Select(AccessActions.IamName), "dynamodb:DescribeTable", "dynamodb:ListTables"]), n)
        select actions.Distinct().ToArray();

    // ForAllValues is true when the key is absent: a statement granting Scan needs Null {LeadingKeys: false}; one whose
    // requests always carry a key may go without.
    private static readonly Gen<string> LeastPrivilegeStatement =
        from actions in ExplicitActions
        from table in Names
        from index in Gen.Elements(true, false)
        from requirePresent in Gen.Elements(true, false)
        select "{\"Effect\":\"Allow\",\"Action\":[" + string.Join(",", actions.Select(a => $"\"{a}\"")) + "],"
            + $"\"Resource\":[\"arn:aws:dynamodb:eu-west-1:123456789012:table/{table}\"" + (index ? $",\"arn:aws:dynamodb:eu-west-1:123456789012:table/{table}/index/*\"" : "") + "],"
            + "\"Condition\":{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":[\"${aws:userid}\"]}"
            + (requirePresent || actions.Contains("dynamodb:Scan") ? ",\"Null\":{\"dynamodb:LeadingKeys\":\"false\"}" : "") + "}}";

    private static readonly Gen<string> RandomCase =
        from text in Gen.Elements([.. IamPolicyAnalyzer.ResourceActions, .. IamPolicyAnalyzer.ResourcelessActions, "dynamodb:DescribeSomethingNewer"])
        from upper in Gen.ListOf(Gen.Elements(true, false), text.Length)
        select new string([.. text.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]);

    private static readonly Gen<string> LeastPrivilegePolicy =
        from n in Gen.Choose(1, 4)
        from statements in Gen.ListOf(LeastPrivilegeStatement, n)
        select $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static readonly ManagedTableArn[] Tables =
        [.. new[] { "Orders", "Users", "Audit" }.Select(t => new ManagedTableArn("arn:aws:dynamodb:eu-west-1:123456789012:table/" + t, t.ToLowerInvariant(), RequireKeyConditions: true))];

    [Fact]
    public void LeastPrivilegePoliciesGiveNoIamFinding() =>
        PropertyCases.ForAll(LeastPrivilegePolicy.ToArbitrary(), document =>
            Assert.Empty(IamPolicyAnalyzer.Analyze([Policy(document)], Tables, [])));

    [Fact]
    public void AddingABroadStatementAlwaysGivesAFindingForIt() =>
        PropertyCases.ForAll(
            (from document in LeastPrivilegePolicy
             from broad in Gen.Elements(
                 ("""{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}""", PostureRule.DynamoDbWildcardAction),
                 ("""{"Effect":"Allow","Action":"dynamodb:Query","Resource":"arn:aws:dynamodb:*:*:table/*","Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["x"]}}}""", PostureRule.DynamoDbActionOnAllResources),
                 ("""{"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders"}""", PostureRule.UnconditionedTableAccess))
             select (document, broad)).ToArbitrary(),
            t =>
            {
                (string document, (string statement, PostureRule rule)) = t;
                string widened = document.Replace("\"Statement\":[", "\"Statement\":[" + statement + ",", StringComparison.Ordinal);
                IReadOnlyList<PostureFinding> findings = IamPolicyAnalyzer.Analyze([Policy(widened)], Tables, []);
                Assert.Contains(findings, f => f.Rule == rule && f.Subject.StartsWith("arn:aws:iam::123456789012:policy/app#0", StringComparison.Ordinal));
                Assert.All(findings, f => Assert.StartsWith("arn:aws:iam::123456789012:policy/app#0", f.Subject, StringComparison.Ordinal));
            });

    [Fact]
    public void OnEveryTableAnActionIsAFindingExactlyWhenItIsResourceScopedWhateverItsCase() =>
        PropertyCases.ForAll(RandomCase.ToArbitrary(), action =>
        {
            bool resourceless = IamPolicyAnalyzer.ResourcelessActions.Contains(action, StringComparer.OrdinalIgnoreCase);
            IReadOnlyList<PostureFinding> findings = IamPolicyAnalyzer.Analyze([Policy(Statement($"\"{action}\"", "\"*\""))], Tables, []);

            Assert.Equal(!resourceless, IamPolicyAnalyzer.IsResourceScoped(action));
            Assert.Equal(resourceless ? [] : [PostureRule.DynamoDbActionOnAllResources],
                findings.Where(f => f.Segment is null).Select(f => f.Rule).ToArray());
        });

    [Fact]
    public void AWildcardOverAResourceScopedActionIsAFindingOnEveryTable() =>
        PropertyCases.ForAll(
            (from action in Gen.Elements([.. IamPolicyAnalyzer.ResourceActions])
             from cut in Gen.Choose(AccessActions.ServicePrefix.Length, action.Length)
             from star in Gen.Elements("*", "?")
             select action[..cut] + (star == "?" && cut < action.Length ? "?" + action[(cut + 1)..] : "*")).ToArbitrary(),
            pattern =>
            {
                IReadOnlyList<PostureFinding> findings = IamPolicyAnalyzer.Analyze([Policy(Statement($"\"{pattern}\"", "\"*\""))], Tables, []);

                Assert.Contains(findings, f => f.Rule is PostureRule.DynamoDbActionOnAllResources or PostureRule.DynamoDbWildcardAction);
            });

    [Fact]
    public void KeyConditionsScopeTheTableOnlyWhenTheyRequireTheKey() =>
        PropertyCases.ForAll(
            (from key in Gen.Elements("dynamodb:LeadingKeys", "dynamodb:Attributes")
             from qualifier in Gen.Elements("", "ForAllValues:", "ForAnyValue:")
             from op in Gen.Elements("StringEquals", "StringLike", "StringEqualsIgnoreCase", "StringNotEquals", "StringNotLike", "Null")
             from ifExists in Gen.Elements("", "IfExists")
             from nullValue in Gen.Elements<string?>(null, "false", "true")
             from action in Gen.Elements([.. IamPolicyAnalyzer.ItemActions])
             select (key, qualifier + op + (op == "Null" ? "" : ifExists), nullValue, action)).ToArbitrary(),
            t =>
            {
                (string key, string op, string? nullValue, string action) = t;
                string condition = $$"""{"{{op}}":{"{{key}}":["x"]}{{(nullValue is null ? "" : $",\"Null\":{{\"{key}\":\"{nullValue}\"}}")}}}""";
                bool positive = op.Replace("IfExists", "", StringComparison.Ordinal) is "StringEquals" or "StringLike" or "StringEqualsIgnoreCase"
                    or "ForAllValues:StringEquals" or "ForAllValues:StringLike" or "ForAllValues:StringEqualsIgnoreCase";
                bool absentPasses = op.StartsWith("ForAllValues:", StringComparison.Ordinal) || op.EndsWith("IfExists", StringComparison.Ordinal);
                bool carriesKey = key == "dynamodb:LeadingKeys" && !IamPolicyAnalyzer.KeylessItemActions.Contains(action);
                bool scoped = positive && (!absentPasses || nullValue == "false" || carriesKey);

                IReadOnlyList<PostureFinding> findings = IamPolicyAnalyzer.Analyze(
                    [Policy(Statement($"\"{action}\"", "\"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders\"", condition))], Tables, []);

                Assert.Equal(!scoped, findings.Any(f => f.Rule == PostureRule.UnconditionedTableAccess));
            });

    [Fact]
    public void TheItemSizeVerdictNeverShrinksAsTheItemGrows() =>
        PropertyCases.ForAll(
            (from a in Gen.Choose(0, 500 * 1024) from b in Gen.Choose(0, 500 * 1024) from warn in Gen.Choose(1, 100) select (Math.Min(a, b), Math.Max(a, b), warn)).ToArbitrary(),
            t =>
            {
                (int small, int large, int warn) = t;
                PostureSeverity? Verdict(int bytes) => PostureRules.ItemSizes(
                    Healthy() with { ItemSizes = new ItemSizeSample(1, 1, [new SampledItem("k", bytes, [])]) },
                    new PostureRequirements(ItemSizeWarnPercent: warn)).SingleOrDefault()?.Severity;

                PostureSeverity? before = Verdict(small);
                PostureSeverity? after = Verdict(large);
                Assert.True(before is null || (after is not null && after >= before), $"{small} → {before}, {large} → {after}");
                Assert.Equal(large >= PostureSettings.MaxItemBytes, after == PostureSeverity.Critical);
                Assert.Equal(large * 100L >= PostureSettings.MaxItemBytes * (long)warn, after is not null);
            });

    [Fact]
    public void TheSizeBreakdownAddsUpToDynamoDbsItemSize() =>
        PropertyCases.ForAll(
            (from n in Gen.Choose(1, 8)
             from attributes in Gen.ListOf(
                 from name in Gen.Elements("pk", "sk", "payload", "ü-name", "n", "tags", "flag")
                 from kind in Gen.Choose(0, 4)
                 from size in Gen.Choose(0, 300)
                 select (name, kind, size), n)
             select attributes.ToArray()).ToArbitrary(),
            attributes =>
            {
                var item = new JsonObject();
                foreach ((string name, int kind, int size) in attributes)
                {
                    item[name] = kind switch
                    {
                        0 => new JsonObject { ["S"] = new string('x', size) },
                        1 => new JsonObject { ["N"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                        2 => new JsonObject { ["BOOL"] = size % 2 == 0 },
                        3 => new JsonObject { ["L"] = new JsonArray([.. Enumerable.Range(0, size % 5).Select(_ => (JsonNode)new JsonObject { ["S"] = "ab" })]) },
                        _ => new JsonObject { ["SS"] = new JsonArray([.. Enumerable.Range(0, (size % 3) + 1).Select(i => (JsonNode)("v" + i))]) },
                    };
                }

                (long bytes, IReadOnlyList<AttributeBytes> largest) = ItemSizeBreakdown.Of(item, top: int.MaxValue);
                Assert.Equal(ItemSize.Bytes(item), bytes);
                Assert.Equal(item.Count, largest.Count);
                Assert.Equal(largest.OrderByDescending(a => a.Bytes).Select(a => a.Bytes), largest.Select(a => a.Bytes));
            });

    [Fact]
    public void TheDiffPartitionsTheFindings() =>
        PropertyCases.ForAll(
            (from before in Gen.ListOf(Gen.Choose(0, 12), 6) from now in Gen.ListOf(Gen.Choose(0, 12), 6) select (before, now)).ToArbitrary(),
            t =>
            {
                string[] previous = [.. t.before.Distinct().Select(i => $"{PostureRule.PointInTimeRecoveryOff} table/T{i}")];
                PostureFinding[] current = [.. t.now.Distinct().Select(i => PostureRules.PointInTimeRecovery(Healthy("T" + i) with { PointInTimeRecoveryEnabled = false }).Single())];

                PostureDiffResult diff = PostureDiff.Compare(previous, current);

                Assert.Equal(current.Select(f => f.Key).Order(), diff.New.Concat(diff.StillOpen).Select(f => f.Key).Order());
                Assert.All(diff.StillOpen, f => Assert.Contains(f.Key, previous));
                Assert.All(diff.New, f => Assert.DoesNotContain(f.Key, previous));
                Assert.Equal(previous.Except(current.Select(f => f.Key)).Order(), diff.Fixed);
            });

    [Fact]
    public void AnUncheckedTablesPreviousFindingsAreNeverFixed() =>
        PropertyCases.ForAll(
            (from before in Gen.ListOf(Gen.Choose(0, 12), 6) from unread in Gen.ListOf(Gen.Choose(0, 12), 3) select (before, unread)).ToArbitrary(),
            t =>
            {
                string[] previous = [.. t.before.Distinct().SelectMany(i => new[]
                {
                    $"{PostureRule.PointInTimeRecoveryOff} table/T{i}",
                    $"{PostureRule.UnmonitoredIndex} table/T{i}/index/ByX",
                    $"{PostureRule.UnconditionedTableAccess} arn:aws:iam::123456789012:policy/app#0 arn:aws:dynamodb:eu-west-1:123456789012:table/T{i}",
                })];
                string[] unchecked_ = [.. t.unread.Distinct().Select(i => "T" + i)];

                PostureDiffResult diff = PostureDiff.Compare(previous, [], unchecked_);

                Assert.Equal(previous.Where(k => !unchecked_.Any(u => k.EndsWith(u, StringComparison.Ordinal) || k.Contains(u + "/", StringComparison.Ordinal))).Order(), diff.Fixed);
            });
}
