using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Automation.Core.Incidents;

namespace Automation.Aws.Incidents;

/// <summary>Builds a DynamoDB item; null values are left out (an absent attribute means "not set").</summary>
internal sealed class ItemWriter
{
    public Dictionary<string, AttributeValue> Item { get; } = new(StringComparer.Ordinal);

    public ItemWriter S(string name, string? value)
    {
        if (value is not null)
        {
            Item[name] = new AttributeValue { S = value };
        }

        return this;
    }

    public ItemWriter N(string name, long? value)
    {
        if (value is { } number)
        {
            Item[name] = new AttributeValue { N = number.ToString(CultureInfo.InvariantCulture) };
        }

        return this;
    }

    public ItemWriter Bool(string name, bool? value)
    {
        if (value is { } flag)
        {
            Item[name] = new AttributeValue { BOOL = flag };
        }

        return this;
    }

    public ItemWriter Time(string name, DateTimeOffset? value) =>
        S(name, value is { } time ? IncidentTimestamps.ToSortable(time) : null);

    public ItemWriter Enum<T>(string name, T? value)
        where T : struct, Enum =>
        S(name, value?.ToString());
}
