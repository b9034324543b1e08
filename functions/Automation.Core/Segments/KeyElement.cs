namespace Automation.Core.Segments;

/// <summary>DynamoDB's scalar key types (AttributeDefinitions' AttributeType).</summary>
public enum KeyAttributeType
{
    /// <summary>String.</summary>
    S,

    /// <summary>Number.</summary>
    N,

    /// <summary>Binary (base64 in JSON).</summary>
    B,
}

/// <summary>One key attribute: its name and scalar type.</summary>
public sealed record KeyElement(string Name, KeyAttributeType Type);

/// <summary>A key schema: the partition (HASH) key and the optional sort (RANGE) key.</summary>
public sealed record KeySchema(KeyElement PartitionKey, KeyElement? SortKey)
{
    /// <summary>The key attributes, partition key first.</summary>
    public IEnumerable<KeyElement> Attributes => SortKey is null ? [PartitionKey] : [PartitionKey, SortKey];
}

/// <summary>Global or local secondary index.</summary>
public enum IndexKind
{
    /// <summary>A GSI: own key schema, eventually consistent reads only.</summary>
    Global,

    /// <summary>An LSI: the table's partition key, another sort key; strongly consistent reads allowed.</summary>
    Local,
}

/// <summary>An index a segment's templates use, as the segment file declares it (checked against DescribeTable before each run).</summary>
public sealed record IndexSchema(string Name, IndexKind Kind, KeySchema Keys);

/// <summary>The table's key attributes and the indexes the segment's templates use, as declared in the segment file.</summary>
public sealed record TableSchema(KeySchema Keys, IReadOnlyList<IndexSchema> Indexes)
{
    /// <summary>The declared index of that name, or null.</summary>
    public IndexSchema? Index(string? name) =>
        name is null ? null : Indexes.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    /// <summary>The key schema reads through <paramref name="index"/> (null: the table) use; null when the index is not declared.</summary>
    public KeySchema? KeysOf(string? index) => index is null ? Keys : Index(index)?.Keys;

    /// <summary>Every key attribute of the table and of the given indexes (what <c>dynamodb:Attributes</c> must list).</summary>
    public IReadOnlyList<string> KeyAttributeNames(IEnumerable<string?> indexes) =>
        [.. Keys.Attributes.Concat(indexes.Select(KeysOf).OfType<KeySchema>().SelectMany(k => k.Attributes)).Select(a => a.Name).Distinct(StringComparer.Ordinal)];
}
