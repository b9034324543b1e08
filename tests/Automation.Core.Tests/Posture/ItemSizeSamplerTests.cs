using System.Text.Json.Nodes;

using Automation.Core.Posture;
using Automation.Core.Queries;
using Automation.Core.Segments;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Posture;

/// <summary>The item-size sample: the query runner's plan bounds, the largest items measured by DynamoDB's rules, keys masked; run keys.</summary>
public sealed class ItemSizeSamplerTests
{
    private static JsonObject Item(int n, int padding, string email) => new()
    {
        ["pk"] = new JsonObject { ["S"] = $"customer#{n}" },
        ["sk"] = new JsonObject { ["S"] = "order#1" },
        ["email"] = new JsonObject { ["S"] = email },
        ["blob"] = new JsonObject { ["S"] = new string('x', padding) },
    };

    private static QueryRunResult Run(JsonObject[] items) =>
        new(StopReason.Completed, 1, items.Length, items.Length, 1, items, null, null, []);

    [Fact]
    public void The_plan_is_an_eventually_consistent_whole_table_scan_within_the_ceiling()
    {
        QueryPlan plan = ItemSizeSampler.Plan("Orders", "orders", new PostureSampleSettings(true, 100, 10, 300, 3));

        Assert.Equal(QueryOperation.Scan, plan.Operation);
        Assert.False(plan.ConsistentRead);
        Assert.Null(plan.FilterExpression);
        Assert.Null(plan.ProjectionExpression);
        Assert.Equal(300, plan.ReadCeiling);
        Assert.True(plan.RunWorstCase <= 300);
    }

    [Fact]
    public void The_largest_items_come_first_with_their_dominant_attribute_and_a_masked_key()
    {
        var attributes = new AttributeClasses(["email", "pk"]);
        ItemSizeSample sample = ItemSizeSampler.Summarise(Run([Item(1, 10, "a@x"), Item(2, 5000, "b@x"), Item(3, 300, "c@x")]), ["pk", "sk"], attributes, 2);

        Assert.Equal(3, sample.ItemsSampled);
        Assert.Equal(2, sample.Largest.Count);
        Assert.Equal("blob", sample.Largest[0].LargestAttributes[0].Name);
        Assert.Equal(ItemSize.Bytes(Item(2, 5000, "b@x")), sample.Largest[0].Bytes);
        Assert.Equal($"pk={QueryPlanner.Masked}, sk=order#1", sample.Largest[0].Key);
        Assert.DoesNotContain(sample.Largest, i => i.Key.Contains("customer#", StringComparison.Ordinal));
    }

    [Fact]
    public void Summaries_keep_at_most_the_asked_number_largest_first_each_measured_as_DynamoDB_does() =>
        PropertyCases.ForAll(
            (from n in Gen.Choose(0, 12)
             from sizes in Gen.ListOf(Gen.Choose(0, 20_000), n)
             from largest in Gen.Choose(1, 5)
             select (sizes.ToArray(), largest)).ToArbitrary(),
            input =>
            {
                (int[] sizes, int largest) = input;
                JsonObject[] items = [.. sizes.Select((s, i) => Item(i, s, "e@x"))];
                ItemSizeSample sample = ItemSizeSampler.Summarise(Run(items), ["pk", "sk"], AttributeClasses.None, largest);
                Assert.Equal(Math.Min(largest, items.Length), sample.Largest.Count);
                Assert.True(sample.Largest.Zip(sample.Largest.Skip(1)).All(p => p.First.Bytes >= p.Second.Bytes));
                long max = items.Length == 0 ? 0 : items.Max(ItemSize.Bytes);
                Assert.True(items.Length == 0 || sample.Largest[0].Bytes == max);
            });

    [Fact]
    public void A_scope_does_not_depend_on_the_order_segments_are_named_in() =>
        PropertyCases.ForAll(Gen.ListOf(Gen.Elements("a", "b", "orders", "payments")).ToArbitrary(), names =>
        {
            string[] distinct = [.. names.Distinct()];
            Assert.Equal(PostureRunKeys.Scope(distinct), PostureRunKeys.Scope([.. distinct.Reverse()]));
            Assert.Equal(distinct.Length == 0, PostureRunKeys.Scope(distinct) == PostureRunKeys.AllSegments);
        });

    [Fact]
    public void Run_keys_sort_by_start_time() =>
        PropertyCases.ForAll(Gen.Zip(Gen.Choose(0, 1_000_000), Gen.Choose(0, 1_000_000)).ToArbitrary(), pair =>
        {
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            (int a, int b) = pair;
            string ka = PostureRunKeys.RunKey(start.AddSeconds(a), "run-z");
            string kb = PostureRunKeys.RunKey(start.AddSeconds(b), "run-a");
            if (a != b)
            {
                Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(string.CompareOrdinal(ka, kb)));
            }
        });
}
