using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Queries;
using Automation.Core.Queries;

namespace Automation.Aws.Tests.Queries;

public sealed class DynamoDbJsonTests
{
    private const string EveryType = """
        {"s":{"S":"text é"},"n":{"N":"-1.5e3"},"b":{"B":"AQID"},"t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true},
         "l":{"L":[{"S":"a"},{"N":"1"},{"L":[]}]},"m":{"M":{"inner":{"M":{"x":{"S":"y"}}},"e":{"M":{}}}},
         "ss":{"SS":["a","b"]},"ns":{"NS":["1","2.5"]},"bs":{"BS":["AQ==","AgM="]}}
        """;

    [Fact]
    public void Every_DynamoDB_type_survives_JSON_to_AttributeValue_and_back()
    {
        JsonObject json = JsonNode.Parse(EveryType)!.AsObject();

        Dictionary<string, AttributeValue> item = DynamoDbJson.ToItem(json);
        JsonObject back = DynamoDbJson.ToJson(item);

        Assert.True(JsonNode.DeepEquals(json, back), back.ToJsonString());
        Assert.Equal("text é", item["s"].S);
        Assert.Equal("-1.5e3", item["n"].N);
        Assert.Equal([1, 2, 3], item["b"].B.ToArray());
        Assert.True(item["t"].BOOL);
        Assert.False(item["f"].BOOL);
        Assert.True(item["z"].NULL);
        Assert.Equal(3, item["l"].L.Count);
        Assert.Equal("y", item["m"].M["inner"].M["x"].S);
        Assert.Empty(item["m"].M["e"].M);
        Assert.Equal(["a", "b"], item["ss"].SS);
        Assert.Equal(["1", "2.5"], item["ns"].NS);
        Assert.Equal([2, 3], item["bs"].BS[1].ToArray());
    }

    [Fact]
    public void Plan_values_become_S_N_and_BOOL()
    {
        Assert.Equal("x", DynamoDbJson.ToAttributeValue(new QueryValue(ParameterType.Text, "x")).S);
        Assert.Equal("12.5", DynamoDbJson.ToAttributeValue(new QueryValue(ParameterType.Number, "12.5")).N);
        Assert.True(DynamoDbJson.ToAttributeValue(new QueryValue(ParameterType.Flag, "true")).BOOL);
    }

    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":{"S":"x","N":"1"}}""")]
    [InlineData("""{"a":{"Q":"1"}}""")]
    [InlineData("""{"a":{"B":"%%%"}}""")]
    [InlineData("""{"a":{"M":[]}}""")]
    [InlineData("""{"a":{"BOOL":1}}""")]
    public void Anything_but_DynamoDB_JSON_is_a_FormatException_naming_the_attribute(string json)
    {
        var error = Assert.Throws<FormatException>(() => DynamoDbJson.ToItem(JsonNode.Parse(json)!.AsObject()));
        Assert.StartsWith("a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_size_of_a_converted_item_is_the_size_of_its_JSON()
    {
        JsonObject json = JsonNode.Parse(EveryType)!.AsObject();

        Assert.Equal(ItemSize.Bytes(json), ItemSize.Bytes(DynamoDbJson.ToJson(DynamoDbJson.ToItem(json))));
    }
}
