using System.Text;
using System.Text.Json.Nodes;

using Automation.Core.Queries;

namespace Automation.Core.Posture;

/// <summary>Where an item's bytes go, by DynamoDB's item-size rules (<see cref="ItemSize"/>).</summary>
public static class ItemSizeBreakdown
{
    /// <summary>The item's size and its <paramref name="top"/> largest attributes (name bytes + value bytes), largest first, ties by name.</summary>
    public static (long Bytes, IReadOnlyList<AttributeBytes> Largest) Of(JsonObject dynamoJsonItem, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(dynamoJsonItem);
        AttributeBytes[] attributes = [.. dynamoJsonItem
            .Select(a => new AttributeBytes(a.Key, Encoding.UTF8.GetByteCount(a.Key) + ItemSize.ValueBytes(a.Value)))
            .OrderByDescending(a => a.Bytes)
            .ThenBy(a => a.Name, StringComparer.Ordinal)];
        return (attributes.Sum(a => a.Bytes), [.. attributes.Take(Math.Max(0, top))]);
    }
}
