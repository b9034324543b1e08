using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// "Never the suite's own tables": every allow on managed tables (<c>table/${ManagedTableNamePrefix}*</c>) also covers
/// the stack's own tables when the prefix is empty (the default), so each such role carries an explicit Deny. These
/// checks enumerate every table template.yaml creates (AWS::DynamoDB::Table, AWS::Serverless::SimpleTable) and hold
/// each of those Deny statements to cover every one of them and every index of it, today's and any added later.
/// </summary>
public sealed partial class SuitesOwnTablesDenyTests
{
    /// <summary>Where the Deny statements are: a role of the translated template or a managed policy, and the Sid.</summary>
    public static readonly (string Owner, string Sid)[] Denies =
    [
        ("ThrottlingResponseStateMachineRole", "NeverUpdateTheSuitesOwnTables"),
        ("RunQueryFunctionRole", "NeverReadTheSuitesOwnTables"),
        ("RunBoundedScanFunctionRole", "NeverScanTheSuitesOwnTables"),
        ("SampleItemSizesFunctionRole", "NeverScanTheSuitesOwnTables"),
        ("BreakGlassBoundary", "NeverTheSuitesOwnTables"),
    ];

    private static readonly string[] IndexKinds = ["GlobalSecondaryIndexes", "LocalSecondaryIndexes"];

    private static TemplateBundle Bundle => TemplateBundle.Current;

    public static TheoryData<string, string> DenyStatements()
    {
        var data = new TheoryData<string, string>();
        foreach ((string owner, string sid) in Denies)
        {
            data.Add(owner, sid);
        }

        return data;
    }

    [Fact]
    public void The_stack_creates_tables_and_the_check_sees_them()
    {
        // The control: an empty enumeration would make every coverage check pass.
        string[] tables = [.. OwnTables().Select(t => t.LogicalId)];
        Assert.Contains("IncidentsTable", tables);
        Assert.Contains("AccessRequestsTable", tables);
        Assert.Contains(OwnTables(), t => t.LogicalId == "AccessRequestsTable" && t.Indexes.Contains("OpenReviews"));
    }

    [Theory]
    [MemberData(nameof(DenyStatements))]
    public void Each_deny_covers_every_table_of_the_stack_and_its_indexes(string owner, string sid)
    {
        JsonObject statement = Statement(owner, sid);
        Assert.Equal("Deny", statement["Effect"]?.ToString());
        string[] patterns = Strings(statement["Resource"]);
        List<string> problems = [];
        foreach ((string table, IReadOnlyList<string> indexes) in OwnTables())
        {
            string arn = Bundle.TranslatedFakeValues[$"{table}.Arn"];
            // Declared indexes, and one that does not exist yet: an index added later is covered without an edit here.
            foreach (string resource in new[] { arn }.Concat(indexes.Append("AnIndexAddedLater").Select(i => $"{arn}/index/{i}")))
            {
                if (!patterns.Any(p => Matches(p, resource)))
                {
                    problems.Add($"{table}: {resource} is not in the Deny's Resource (add !GetAtt {table}.Arn and !Sub \"${{{table}.Arn}}/index/*\")");
                }
            }
        }

        Problems.AssertNone(problems, $"{owner} {sid} leaves some of the suite's own tables open");
    }

    [Fact]
    public void Every_never_the_suites_own_tables_deny_is_checked()
    {
        // A new "Never...TheSuitesOwnTables" statement elsewhere is held to the same rule: it must be listed above.
        HashSet<(string, string)> listed = [.. Denies];
        string[] unlisted = [.. Bundle.Roles
            .SelectMany(r => r.Policies.SelectMany(p => StatementsOf(p.Document)).Select(s => (r.LogicalId, Sid: s["Sid"]?.ToString() ?? "")))
            .Concat(Bundle.ManagedPolicies.SelectMany(m => StatementsOf(m.Value).Select(s => (m.Key, Sid: s["Sid"]?.ToString() ?? ""))))
            .Where(x => SuitesOwnTablesSid().IsMatch(x.Sid) && !listed.Contains(x))
            .Select(x => $"{x.Item1} {x.Sid}")];
        Problems.AssertNone(unlisted, "Deny statements on the suite's own tables that SuitesOwnTablesDenyTests.Denies does not list");
    }

    /// <summary>Every table template.yaml creates, with the names of its global and local secondary indexes.</summary>
    private static IEnumerable<(string LogicalId, IReadOnlyList<string> Indexes)> OwnTables() =>
        Bundle.Resources
            .Where(r => r.Value?["Type"]?.ToString() is "AWS::DynamoDB::Table" or "AWS::Serverless::SimpleTable")
            .Select(r => (r.Key, (IReadOnlyList<string>)[.. IndexKinds
                .SelectMany(kind => r.Value!["Properties"]?[kind]?.AsArray() ?? [])
                .Select(index => index!["IndexName"]!.ToString())]));

    private static JsonObject Statement(string owner, string sid)
    {
        IEnumerable<JsonObject> statements = Bundle.ManagedPolicies.TryGetValue(owner, out JsonObject? managed)
            ? StatementsOf(managed)
            : (Bundle.Roles.SingleOrDefault(r => r.LogicalId == owner) ?? throw new InvalidOperationException($"{owner}: no such role or managed policy in the translated template"))
                .Policies.SelectMany(p => StatementsOf(p.Document));
        return statements.SingleOrDefault(s => s["Sid"]?.ToString() == sid)
            ?? throw new InvalidOperationException($"{owner}: no statement {sid} (renamed? update SuitesOwnTablesDenyTests.Denies)");
    }

    private static IEnumerable<JsonObject> StatementsOf(JsonObject document) => document["Statement"] switch
    {
        JsonArray list => list.Select(s => s!.AsObject()),
        JsonObject one => [one],
        _ => [],
    };

    private static string[] Strings(JsonNode? node) => node switch
    {
        JsonArray list => [.. list.Select(n => n!.ToString())],
        null => [],
        _ => [node.ToString()],
    };

    /// <summary>IAM's resource match: <c>*</c> any run of characters, <c>?</c> one, case-sensitive.</summary>
    private static bool Matches(string pattern, string resource) =>
        Regex.IsMatch(resource, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    [GeneratedRegex("^Never[A-Za-z]*TheSuitesOwnTables$")]
    private static partial Regex SuitesOwnTablesSid();
}
