using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Automation.Core.Incidents;

namespace Automation.Aws.Incidents;

/// <summary>Reads a DynamoDB item; a missing required attribute is a corrupt item, reported by name.</summary>
internal sealed class ItemReader(IReadOnlyDictionary<string, AttributeValue> item)
{
    public bool Has(string name) => item.ContainsKey(name);

    public string S(string name) => OptS(name) ?? throw Corrupt(name);

    public string? OptS(string name) => item.TryGetValue(name, out var value) ? value.S : null;

    public long N(string name) => OptN(name) ?? throw Corrupt(name);

    public long? OptN(string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    public bool? OptBool(string name) => item.TryGetValue(name, out var value) ? value.BOOL : null;

    public DateTimeOffset Time(string name) => OptTime(name) ?? throw Corrupt(name);

    public DateTimeOffset? OptTime(string name) => OptS(name) is { } s ? IncidentTimestamps.ParseSortable(s) : null;

    public T Enum<T>(string name)
        where T : struct, Enum =>
        OptEnum<T>(name) ?? throw Corrupt(name);

    public T? OptEnum<T>(string name)
        where T : struct, Enum =>
        OptS(name) is { } s ? System.Enum.Parse<T>(s) : null;

    private InvalidDataException Corrupt(string name) =>
        new($"Incident table item {OptS(IncidentTableSchema.PartitionKey)}/{OptS(IncidentTableSchema.SortKey)} lacks the attribute '{name}'.");
}
