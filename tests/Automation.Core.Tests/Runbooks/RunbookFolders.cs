using Automation.Core.Runbooks;
using Automation.Core.Segments;
using Automation.Runbooks.Files;
using Automation.Tests.Shared;

namespace Automation.Core.Tests.Runbooks;

/// <summary>Small runbooks folders for the parser and lint tests: a minimal defaults.yaml and segment files as text.</summary>
internal static class RunbookFolders
{
    public const string Defaults = "version: 1\n";

    /// <summary>A valid table segment of Orders (pk S / sk S, GSI ByCustomer) with one Query template; tests replace parts of it.</summary>
    public const string Orders = """
        segment: orders
        version: 1
        description: Orders.
        owner: team-orders
        covers:
          table: Orders
        schema:
          partitionKey: {name: pk, type: S}
          sortKey: {name: sk, type: S}
          indexes:
            - {name: ByCustomer, kind: global, partitionKey: {name: customerId, type: S}, sortKey: {name: createdAt, type: S}}
        queries:
          - name: orders-for-customer
            description: A customer's orders.
            operation: Query
            index: ByCustomer
            partitionKey: customerId
            pageSize: 100
            pageLimit: 5
            readCeiling: 500
            parameters:
              customerId: {type: string, required: true}
        """;

    /// <summary>A segment file of Orders (pk S / sk S; the ByStatus GSI declared) with <paramref name="body"/> after its schema.</summary>
    public static string Segment(string name, string covers, string body = "", string indexes = "[{name: ByStatus, partitionKey: {name: status, type: S}, sortKey: {name: createdAt, type: S}}]") => $"""
        segment: {name}
        version: 1
        description: d
        owner: o
        covers: {covers}
        schema:
          partitionKey: {"{name: pk, type: S}"}
          sortKey: {"{name: sk, type: S}"}
          indexes: {indexes}

        """ + body;

    /// <summary>The repository's runbooks/ folder.</summary>
    public static IReadOnlyList<RunbookFile> Repository() => RunbookFolder.Read(RepoPaths.Combine("runbooks"));

    /// <summary>defaults.yaml plus <c>segments/&lt;name&gt;.yaml</c> for each (name, text).</summary>
    public static List<RunbookFile> Folder(string defaults, params (string Name, string Text)[] segments) =>
        [new RunbookFile("defaults.yaml", defaults), .. segments.Select(s => new RunbookFile($"segments/{s.Name}.yaml", s.Text))];

    public static RunbookLintResult Lint(params (string Name, string Text)[] segments) => RunbookCatalogParser.Lint(Folder(Defaults, segments));

    public static SegmentCatalog Parse(params (string Name, string Text)[] segments) => RunbookCatalogParser.Parse(Folder(Defaults, segments));

    /// <summary>The one error of a folder with these segments.</summary>
    public static ConfigError SingleError(params (string Name, string Text)[] segments)
    {
        RunbookLintResult result = Lint(segments);
        Assert.True(result.Errors.Count == 1, "expected one error, got:\n" + string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    /// <summary>The orders template with <paramref name="find"/> replaced (exactly once) by <paramref name="replace"/>.</summary>
    public static string OrdersWith(string find, string replace) => Replace(Orders, find, replace);

    public static string Replace(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur exactly once");
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
