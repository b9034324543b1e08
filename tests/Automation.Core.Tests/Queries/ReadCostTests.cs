using System.Text.Json.Nodes;
using Automation.Core.Queries;

namespace Automation.Core.Tests.Queries;

public class ReadCostTests
{
    [Theory]
    [InlineData(0, true, 1)]
    [InlineData(0, false, 0.5)]
    [InlineData(1, true, 1)]
    [InlineData(4096, true, 1)]
    [InlineData(4097, true, 2)]
    [InlineData(4097, false, 1)]
    [InlineData(409_600, true, 100)]
    [InlineData(409_600, false, 50)]
    [InlineData(1_048_576, true, 256)]
    public void Units_round_up_to_4KB_with_a_minimum_of_one_halved_when_eventual(long bytes, bool consistent, double units) =>
        Assert.Equal(units, ReadCost.Units(bytes, consistent));

    [Theory]
    [InlineData(QueryOperation.GetItem, 1, true, 100)]
    [InlineData(QueryOperation.GetItem, 50, false, 50)]
    [InlineData(QueryOperation.Query, 1, true, 100)]
    [InlineData(QueryOperation.Query, 3, true, 300)]
    [InlineData(QueryOperation.Query, 3, false, 150)]
    [InlineData(QueryOperation.Query, 4, true, 356)]
    [InlineData(QueryOperation.Scan, 1000, true, 356)]
    [InlineData(QueryOperation.Scan, 1000, false, 178)]
    public void A_pages_worst_case_is_its_items_at_400KB_capped_at_1MB_plus_one_item(QueryOperation operation, int items, bool consistent, double units) =>
        Assert.Equal(units, ReadCost.WorstCasePage(operation, items, consistent));

    [Fact]
    public void Negative_sizes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadCost.Units(-1, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadCost.WorstCasePage(QueryOperation.Query, -1, true));
    }
}

public class ItemSizeTests
{
    [Theory]
    [InlineData("""{"pk":{"S":"abc"}}""", 5)]
    [InlineData("""{"pk":{"S":"é"}}""", 4)]
    [InlineData("""{"n":{"N":"123"}}""", 4)]
    [InlineData("""{"n":{"N":"12"}}""", 3)]
    [InlineData("""{"n":{"N":"-0.0100"}}""", 3)]
    [InlineData("""{"n":{"N":"0"}}""", 3)]
    [InlineData("""{"n":{"N":"1.5E+10"}}""", 3)]
    [InlineData("""{"b":{"B":"AQ=="}}""", 2)]
    [InlineData("""{"b":{"B":"AQID"}}""", 4)]
    [InlineData("""{"t":{"BOOL":true}}""", 2)]
    [InlineData("""{"z":{"NULL":true}}""", 2)]
    [InlineData("""{"l":{"L":[]}}""", 4)]
    [InlineData("""{"l":{"L":[{"S":"a"},{"N":"1"}]}}""", 9)]
    [InlineData("""{"m":{"M":{}}}""", 4)]
    [InlineData("""{"m":{"M":{"a":{"S":"xy"}}}}""", 8)]
    [InlineData("""{"ss":{"SS":["a","bc"]}}""", 5)]
    [InlineData("""{"ns":{"NS":["1","123"]}}""", 7)]
    [InlineData("""{"bs":{"BS":["AQID","AQ=="]}}""", 6)]
    [InlineData("""{"pk":{"S":"a"},"sk":{"S":"bb"}}""", 7)]
    [InlineData("""{}""", 0)]
    public void Sizes_follow_DynamoDBs_item_size_rules(string json, long bytes) =>
        Assert.Equal(bytes, ItemSize.Bytes(JsonNode.Parse(json)!.AsObject()));

    [Fact]
    public void A_400KB_string_item_is_400KB()
    {
        var item = new JsonObject { ["p"] = new JsonObject { ["S"] = new string('x', ReadCost.MaxItemBytes - 1) } };
        Assert.Equal(ReadCost.MaxItemBytes, ItemSize.Bytes(item));
    }

    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":{}}""")]
    [InlineData("""{"a":{"S":"x","N":"1"}}""")]
    [InlineData("""{"a":{"X":"1"}}""")]
    [InlineData("""{"a":{"S":1}}""")]
    [InlineData("""{"a":{"L":{"S":"x"}}}""")]
    [InlineData("""{"a":{"BOOL":"yes"}}""")]
    [InlineData("""{"a":{"B":"abc"}}""")]
    public void Anything_but_DynamoDB_JSON_is_a_FormatException_naming_the_attribute(string json)
    {
        var error = Assert.Throws<FormatException>(() => ItemSize.Bytes(JsonNode.Parse(json)!.AsObject()));
        Assert.StartsWith("a", error.Message, StringComparison.Ordinal);
    }
}
