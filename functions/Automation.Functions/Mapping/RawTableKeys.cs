using Automation.Core.Segments;

namespace Automation.Functions.Mapping;

// The key parts of DynamoDB DescribeTable's `Table` (as the Step Functions aws-sdk integration returns it, PascalCase):
// the table's and every index's key schema with the attribute types. Other fields (throughput, status, ARNs, …) are
// ignored. RawTableKeysMapper turns it into the segment model's TableSchema, reporting a missing field with its path.

public sealed record RawTableKeys(
    [property: JsonPropertyName("TableName")] string? TableName = null,
    [property: JsonPropertyName("KeySchema")] IReadOnlyList<RawKeySchemaElement>? KeySchema = null,
    [property: JsonPropertyName("AttributeDefinitions")] IReadOnlyList<RawAttributeDefinition>? AttributeDefinitions = null,
    [property: JsonPropertyName("GlobalSecondaryIndexes")] IReadOnlyList<RawIndexKeys>? GlobalSecondaryIndexes = null,
    [property: JsonPropertyName("LocalSecondaryIndexes")] IReadOnlyList<RawIndexKeys>? LocalSecondaryIndexes = null);

public sealed record RawKeySchemaElement(
    [property: JsonPropertyName("AttributeName")] string? AttributeName = null,
    [property: JsonPropertyName("KeyType")] string? KeyType = null);

public sealed record RawAttributeDefinition(
    [property: JsonPropertyName("AttributeName")] string? AttributeName = null,
    [property: JsonPropertyName("AttributeType")] string? AttributeType = null);

public sealed record RawIndexKeys(
    [property: JsonPropertyName("IndexName")] string? IndexName = null,
    [property: JsonPropertyName("KeySchema")] IReadOnlyList<RawKeySchemaElement>? KeySchema = null);

/// <summary>DescribeTable's key schema → <see cref="TableSchema"/>.</summary>
public static class RawTableKeysMapper
{
    /// <exception cref="AutomationException"><c>InvalidInput</c> naming the missing or malformed field.</exception>
    public static TableSchema Map(RawTableKeys? table, string field = "table")
    {
        table = StepInput.Required(table, field);
        var types = (table.AttributeDefinitions ?? [])
            .Where(a => a.AttributeName is not null)
            .ToDictionary(a => a.AttributeName!, a => a.AttributeType, StringComparer.Ordinal);
        KeySchema keys = Keys(table.KeySchema, types, $"{field}.KeySchema");
        List<IndexSchema> indexes = [];
        Add(table.GlobalSecondaryIndexes, IndexKind.Global, $"{field}.GlobalSecondaryIndexes", types, indexes);
        Add(table.LocalSecondaryIndexes, IndexKind.Local, $"{field}.LocalSecondaryIndexes", types, indexes);
        return new TableSchema(keys, indexes);
    }

    private static void Add(IReadOnlyList<RawIndexKeys>? raw, IndexKind kind, string field, Dictionary<string, string?> types, List<IndexSchema> indexes)
    {
        for (int i = 0; i < (raw?.Count ?? 0); i++)
        {
            var index = raw![i];
            string name = StepInput.Text(index.IndexName, $"{field}[{i}].IndexName", 255);
            indexes.Add(new IndexSchema(name, kind, Keys(index.KeySchema, types, $"{field}[{i}].KeySchema")));
        }
    }

    private static KeySchema Keys(IReadOnlyList<RawKeySchemaElement>? schema, Dictionary<string, string?> types, string field)
    {
        if (schema is null || schema.Count == 0)
        {
            throw InputError.Field(field, "is required (DescribeTable's key schema)");
        }

        KeyElement? hash = null;
        KeyElement? range = null;
        for (int i = 0; i < schema.Count; i++)
        {
            string name = StepInput.Text(schema[i].AttributeName, $"{field}[{i}].AttributeName", 255);
            if (!types.TryGetValue(name, out string? type) || !Enum.TryParse(type, ignoreCase: false, out KeyAttributeType parsed) || !Enum.IsDefined(parsed))
            {
                throw InputError.Field($"{field}[{i}]", $"key attribute '{name}' has no S, N or B type in AttributeDefinitions");
            }

            var element = new KeyElement(name, parsed);
            switch (schema[i].KeyType)
            {
                case "HASH":
                    hash = element;
                    break;
                case "RANGE":
                    range = element;
                    break;
                default:
                    throw InputError.Field($"{field}[{i}].KeyType", $"must be HASH or RANGE, got '{schema[i].KeyType}'");
            }
        }

        return new KeySchema(hash ?? throw InputError.Field(field, "has no HASH key"), range);
    }
}
