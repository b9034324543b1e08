namespace Automation.Core.Facts;

/// <summary>
/// An Application Auto Scaling scalable target on the table or one of its GSIs (<c>DescribeScalableTargets</c>,
/// service namespace <c>dynamodb</c>): Auto Scaling, not the suite, owns that dimension's provisioned capacity.
/// (The posture workflow's <see cref="Posture.ScalableTargetFact"/> only flags that targets exist; the planner also
/// needs the bounds, to say how far to raise <see cref="MaxCapacity"/>.)
/// </summary>
/// <param name="ResourceId"><c>table/&lt;table&gt;</c> or <c>table/&lt;table&gt;/index/&lt;index&gt;</c>.</param>
/// <param name="ScalableDimension">e.g. <c>dynamodb:table:WriteCapacityUnits</c>, <c>dynamodb:index:ReadCapacityUnits</c>.</param>
/// <param name="MinCapacity">The target's minimum, units/s.</param>
/// <param name="MaxCapacity">The target's maximum, units/s: Auto Scaling never provisions more.</param>
public sealed record ScalableTarget(string ResourceId, string ScalableDimension, long MinCapacity, long MaxCapacity)
{
    /// <summary>Application Auto Scaling's service namespace for DynamoDB.</summary>
    public const string ServiceNamespace = "dynamodb";

    /// <summary>The resource id of the table (<paramref name="indexName"/> null) or of one of its GSIs.</summary>
    public static string ResourceIdOf(string tableName, string? indexName) =>
        indexName is null ? $"table/{tableName}" : $"table/{tableName}/index/{indexName}";

    /// <summary>The resource ids of the table and every GSI (what DescribeScalableTargets is asked about; at most 21 ≤ its 50).</summary>
    public static IReadOnlyList<string> ResourceIdsOf(TableFacts table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [ResourceIdOf(table.TableName, null), .. table.GlobalSecondaryIndexes.Select(i => ResourceIdOf(table.TableName, i.IndexName))];
    }

    /// <summary>The scalable dimension of read (<paramref name="read"/>) or write capacity of a table or a GSI.</summary>
    public static string DimensionOf(string? indexName, bool read) =>
        $"dynamodb:{(indexName is null ? "table" : "index")}:{(read ? "Read" : "Write")}CapacityUnits";

    /// <summary>Whether this target is on the table (<paramref name="indexName"/> null) or that GSI.</summary>
    public bool IsOn(string tableName, string? indexName) => string.Equals(ResourceId, ResourceIdOf(tableName, indexName), StringComparison.Ordinal);

    /// <summary>Whether this target scales reads (else writes).</summary>
    public bool IsRead => ScalableDimension.EndsWith(":ReadCapacityUnits", StringComparison.Ordinal);
}
