using Automation.Core.Segments;

namespace Automation.Core.Queries;

/// <summary>
/// Does the table still have the keys and indexes its segment file declares (pure)? The query runbook checks this on
/// a fresh DescribeTable before every run, so a template written for yesterday's schema never reads today's table.
/// </summary>
public static class SchemaDrift
{
    /// <summary>
    /// Every difference between <paramref name="declared"/> (the segment file's <c>schema</c>) and
    /// <paramref name="actual"/> (DescribeTable), each naming the segment-file field; empty when they match.
    /// Indexes the table has but the segment does not declare are not drift (templates cannot use them).
    /// </summary>
    public static IReadOnlyList<string> Compare(TableSchema declared, TableSchema actual)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(actual);
        List<string> problems = [];
        CompareKeys("schema", declared.Keys, actual.Keys, problems);
        for (int i = 0; i < declared.Indexes.Count; i++)
        {
            IndexSchema index = declared.Indexes[i];
            string field = $"schema.indexes[{i}] ({index.Name})";
            if (actual.Index(index.Name) is not { } found)
            {
                problems.Add($"{field}: the table has no index {index.Name}");
                continue;
            }

            if (found.Kind != index.Kind)
            {
                problems.Add($"{field}.kind: declared {Kind(index.Kind)}, the table's index is {Kind(found.Kind)}");
            }

            CompareKeys(field, index.Keys, found.Keys, problems);
        }

        return problems;
    }

    private static void CompareKeys(string field, KeySchema declared, KeySchema actual, List<string> problems)
    {
        if (declared.PartitionKey != actual.PartitionKey)
        {
            problems.Add($"{field}.partitionKey: declared {Show(declared.PartitionKey)}, the table has {Show(actual.PartitionKey)}");
        }

        if (declared.SortKey != actual.SortKey)
        {
            problems.Add($"{field}.sortKey: declared {Show(declared.SortKey)}, the table has {Show(actual.SortKey)}");
        }
    }

    private static string Show(KeyElement? key) => key is null ? "none" : $"{key.Name} ({key.Type})";

    private static string Kind(IndexKind kind) => kind == IndexKind.Global ? "global" : "local";
}
