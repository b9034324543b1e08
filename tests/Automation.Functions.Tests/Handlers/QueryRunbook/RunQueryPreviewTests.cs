using System.Text;
using System.Text.Json.Nodes;
using Automation.Functions.Handlers.QueryRunbook;

namespace Automation.Functions.Tests.Handlers.QueryRunbook;

/// <summary>The execution output stays far inside Step Functions' 256 KB: the preview is bounded in items and bytes.</summary>
public sealed class RunQueryPreviewTests
{
    private static JsonObject Item(int n, int padBytes) => new()
    {
        ["pk"] = new JsonObject { ["S"] = $"customer#{n}" },
        ["pad"] = new JsonObject { ["S"] = new string('x', padBytes) },
    };

    [Fact]
    public void The_preview_takes_the_first_items_up_to_the_configured_count()
    {
        var items = Enumerable.Range(1, 30).Select(n => Item(n, 10)).ToList();

        var preview = QueryRunStep.Preview(items, 10);

        Assert.Equal(10, preview.Count);
        Assert.Equal("customer#1", preview[0]["pk"]!["S"]!.GetValue<string>());
        Assert.Equal("customer#10", preview[^1]["pk"]!["S"]!.GetValue<string>());
        Assert.Empty(QueryRunStep.Preview(items, 0));
    }

    [Fact]
    public void Large_items_stop_the_preview_at_64_KB_whatever_the_count()
    {
        var items = Enumerable.Range(1, 10).Select(n => Item(n, 20_000)).ToList();

        var preview = QueryRunStep.Preview(items, 10);

        Assert.Equal(3, preview.Count);
        Assert.True(preview.Sum(i => Encoding.UTF8.GetByteCount(i.ToJsonString())) <= QueryRunStep.MaxPreviewBytes);
    }

    [Fact]
    public void One_item_larger_than_the_bound_leaves_the_preview_empty_rather_than_oversized()
    {
        Assert.Empty(QueryRunStep.Preview([Item(1, 100_000)], 10));
    }
}
