using System.Text;

using Automation.Core.Sharding;
using Automation.Hashing;

namespace Automation.Core.Tests.Sharding;

/// <summary>
/// Test vectors that pin the shard hash. The client library, the shard registry and any other language
/// implementation must reproduce these exact values (FNV-1a 32-bit over UTF-8).
/// </summary>
public class Fnv1a32Tests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)] // the offset basis
    [InlineData("a", 0xe40c292cu)] // published FNV-1a test vector
    [InlineData("foobar", 0xbf9cf968u)] // published FNV-1a test vector
    [InlineData("customer#42", 0x9420bf74u)]
    [InlineData("order-0001", 0x0068ea81u)]
    [InlineData("é", 0x1e9de8c1u)] // two UTF-8 bytes
    [InlineData("日本語", 0x805f5ce7u)] // nine UTF-8 bytes
    public void HashMatchesTheVectors(string text, uint expected)
    {
        Assert.Equal(expected, Fnv1a32.Hash(text));
        Assert.Equal(expected, Fnv1a32.Hash(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void LongStringsHashTheSameAsTheirBytes()
    {
        string text = string.Concat(Enumerable.Repeat("tenant#acme#ünïcödé#", 100));

        Assert.Equal(Fnv1a32.Hash(Encoding.UTF8.GetBytes(text)), Fnv1a32.Hash(text));
    }

    [Theory]
    [InlineData("customer#42", 8, 4)]
    [InlineData("customer#42", 10, 2)]
    [InlineData("order-0001", 10, 7)]
    [InlineData("tenant#acme#2024-03-10", 32, 17)]
    [InlineData("", 32, 5)]
    public void SuffixIsTheHashModuloTheShardCount(string value, int shards, int expected)
    {
        Assert.Equal(expected, ShardSuffix.Of(value, shards));
    }

    [Fact]
    public void PhysicalKeysAreKeySeparatorSuffix()
    {
        var scheme = new ShardingScheme(10, "#");

        Assert.Equal("customer#42#7", scheme.PhysicalKey("customer#42", "order-0001"));
        Assert.Equal(["k#0", "k#1", "k#2"], new ShardingScheme(3, "#").AllPhysicalKeys("k"));
    }

    [Fact]
    public void AShardCountBelowOneIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardSuffix.Of("x", 0));
    }
}
