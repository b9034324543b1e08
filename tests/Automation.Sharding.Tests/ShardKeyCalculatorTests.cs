using Automation.Hashing;
using Automation.Sharding.Tests.Fakes;

namespace Automation.Sharding.Tests;

public class ShardKeyCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_key_without_an_entry_is_written_and_read_unchanged()
    {
        var calculator = new ShardKeyCalculator();

        Assert.Equal("customer#42", calculator.WriteKey(null, "customer#42", "order-1"));
        Assert.Equal(["customer#42"], ShardKeyCalculator.ReadKeys(null, "customer#42", Now));
        Assert.Equal(["customer#42"], ShardKeyCalculator.ItemReadKeys(null, "customer#42", "order-1", Now));
    }

    [Theory]
    [InlineData("foobar", 8, 0)] // 0xbf9cf968 % 8
    [InlineData("a", 8, 4)] // 0xe40c292c % 8
    [InlineData("café", 8, 1)]
    [InlineData("a", 10, 0)] // 3826002220 % 10
    [InlineData("anything", 1, 0)]
    public void Calculated_suffix_is_the_hash_of_the_sharding_value_modulo_N(string shardingValue, int shardCount, int expected)
    {
        Assert.Equal(expected, ShardKeyCalculator.CalculatedSuffix(shardingValue, shardCount));
        Assert.Equal((int)(Fnv1a32.Hash(shardingValue) % (uint)shardCount), expected);
    }

    [Fact]
    public void Calculated_write_key_is_the_logical_key_with_the_suffix_and_stable_per_item()
    {
        var calculator = new ShardKeyCalculator();
        var entry = Entries.Sharded("tenant-7", 8);

        Assert.Equal("tenant-7#0", calculator.WriteKey(entry, "tenant-7", "foobar"));
        Assert.Equal("tenant-7#4", calculator.WriteKey(entry, "tenant-7", "a"));
        Assert.Equal(calculator.WriteKey(entry, "tenant-7", "order-991"), calculator.WriteKey(entry, "tenant-7", "order-991"));
    }

    [Fact]
    public void Calculated_item_read_targets_the_one_shard_the_item_was_written_to()
    {
        var calculator = new ShardKeyCalculator();
        var entry = Entries.Sharded("tenant-7", 16);

        foreach (var orderId in Enumerable.Range(0, 200).Select(i => $"order-{i}"))
        {
            Assert.Equal([calculator.WriteKey(entry, "tenant-7", orderId)], ShardKeyCalculator.ItemReadKeys(entry, "tenant-7", orderId, Now));
        }
    }

    [Theory]
    [InlineData(7, 22.46)] // chi-square critical values at p = 0.001, df = N - 1
    [InlineData(10, 27.88)]
    [InlineData(16, 37.70)]
    [InlineData(64, 103.44)]
    public void Calculated_suffixes_spread_evenly_over_the_shards(int shardCount, double critical)
    {
        var counts = new int[shardCount];
        const int items = 100_000;
        for (int i = 0; i < items; i++)
        {
            counts[ShardKeyCalculator.CalculatedSuffix($"order-{i}", shardCount)]++;
        }

        Assert.True(ChiSquare(counts, items) < critical, $"chi-square {ChiSquare(counts, items):F2} ≥ {critical} for counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void Random_strategy_draws_each_suffix_from_the_injected_random()
    {
        var calculator = new ShardKeyCalculator(new Random(1234));
        var expected = new Random(1234);
        var entry = Entries.Sharded("counter", 5, ShardStrategy.Random);

        for (int i = 0; i < 50; i++)
        {
            // The sharding value is ignored: the same item gets whatever the random source says.
            Assert.Equal($"counter#{expected.Next(5)}", calculator.WriteKey(entry, "counter", "same-item"));
        }
    }

    [Fact]
    public void Random_strategy_spreads_writes_uniformly_over_all_N_keys()
    {
        var calculator = new ShardKeyCalculator(new Random(99));
        var entry = Entries.Sharded("counter", 7, ShardStrategy.Random);
        var counts = new int[7];
        const int writes = 70_000;
        for (int i = 0; i < writes; i++)
        {
            string key = calculator.WriteKey(entry, "counter", "x");
            counts[int.Parse(key["counter#".Length..], System.Globalization.CultureInfo.InvariantCulture)]++;
        }

        Assert.All(counts, c => Assert.True(c > 0));
        Assert.True(ChiSquare(counts, writes) < 22.46, $"counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void Random_strategy_item_reads_fan_out_because_the_item_can_be_on_any_shard()
    {
        var entry = Entries.Sharded("counter", 3, ShardStrategy.Random);

        Assert.Equal(["counter#0", "counter#1", "counter#2"], ShardKeyCalculator.ItemReadKeys(entry, "counter", "x", Now));
    }

    [Fact]
    public void Fan_out_reads_all_N_suffixed_keys_and_not_the_unsuffixed_one_outside_a_window()
    {
        var entry = Entries.Sharded("tenant-7", 4, previousShardCount: 0, migrationWindowEndsAt: Now);

        Assert.Equal(["tenant-7#0", "tenant-7#1", "tenant-7#2", "tenant-7#3"], ShardKeyCalculator.ReadKeys(entry, "tenant-7", Now));
    }

    [Fact]
    public void While_the_window_is_open_after_first_sharding_the_unsuffixed_key_is_read_too()
    {
        var entry = Entries.Sharded("tenant-7", 3, previousShardCount: 0, migrationWindowEndsAt: Now.AddMinutes(10));

        Assert.Equal(["tenant-7#0", "tenant-7#1", "tenant-7#2", "tenant-7"], ShardKeyCalculator.ReadKeys(entry, "tenant-7", Now));
        Assert.Equal(["tenant-7#0", "tenant-7#1", "tenant-7#2"], ShardKeyCalculator.ReadKeys(entry, "tenant-7", Now.AddMinutes(10)));
    }

    [Fact]
    public void While_a_decrease_is_migrating_the_dropped_shards_are_still_read()
    {
        var entry = Entries.Sharded("tenant-7", 2, previousShardCount: 4, migrationWindowEndsAt: Now.AddMinutes(5));

        Assert.Equal(["tenant-7#0", "tenant-7#1", "tenant-7#2", "tenant-7#3"], ShardKeyCalculator.ReadKeys(entry, "tenant-7", Now));
        Assert.Equal(["tenant-7#0", "tenant-7#1"], ShardKeyCalculator.ReadKeys(entry, "tenant-7", Now.AddMinutes(6)));
    }

    [Fact]
    public void During_an_increase_item_reads_include_where_the_previous_layout_may_have_put_the_item()
    {
        var entry = Entries.Sharded("tenant-7", 8, previousShardCount: 2, migrationWindowEndsAt: Now.AddMinutes(5));
        // "a" → 0xe40c292c: shard 4 of 8 now, shard 0 of 2 before.
        var keys = ShardKeyCalculator.ItemReadKeys(entry, "tenant-7", "a", Now);

        Assert.Equal("tenant-7#4", keys[0]);
        Assert.Contains("tenant-7#0", keys);
        Assert.Equal(["tenant-7#4"], ShardKeyCalculator.ItemReadKeys(entry, "tenant-7", "a", Now.AddMinutes(5)));
        Assert.Equal(["tenant-7#4", "tenant-7"], ShardKeyCalculator.ItemReadKeys(entry with { PreviousShardCount = 0 }, "tenant-7", "a", Now));
    }

    [Fact]
    public void Every_write_key_is_among_the_read_keys()
    {
        // Whatever the layout, what a writer writes a reader must read.
        var calculator = new ShardKeyCalculator(new Random(7));
        foreach (var strategy in new[] { ShardStrategy.Calculated, ShardStrategy.Random })
        {
            foreach (int n in new[] { 1, 2, 5, 32 })
            {
                var entry = Entries.Sharded("k", n, strategy, previousShardCount: 3, migrationWindowEndsAt: Now.AddMinutes(1));
                var reads = ShardKeyCalculator.ReadKeys(entry, "k", Now);
                for (int i = 0; i < 100; i++)
                {
                    Assert.Contains(calculator.WriteKey(entry, "k", $"item-{i}"), reads);
                }
            }
        }
    }

    [Fact]
    public void Empty_logical_keys_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ShardKeyCalculator().WriteKey(null, "", "x"));
        Assert.Throws<ArgumentException>(() => ShardKeyCalculator.ReadKeys(null, "", Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardKeyCalculator.CalculatedSuffix("x", 0));
    }

    private static double ChiSquare(int[] counts, int total)
    {
        double expected = (double)total / counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
