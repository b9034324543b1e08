using System.Text;
using Automation.Hashing;

namespace Automation.Sharding.Tests;

public class Fnv1a32Tests
{
    // "", "a", "foobar" and "chongo was here!\n" are the published FNV-1a 32 vectors (FNV test suite,
    // draft-eastlake-fnv). The last three are UTF-8 cases checked against an independent Python implementation.
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("b", 0xe70c2de5u)]
    [InlineData("foobar", 0xbf9cf968u)]
    [InlineData("chongo was here!\n", 0xd49930d5u)]
    [InlineData("customer#42", 0x9420bf74u)]
    [InlineData("café", 0xa82b5049u)]
    [InlineData("日本", 0x9f26ee51u)]
    public void Matches_the_test_vectors(string text, uint expected)
    {
        Assert.Equal(expected, Fnv1a32.Hash(text));
        Assert.Equal(expected, Fnv1a32.Hash(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Long_strings_hash_the_same_as_their_bytes()
    {
        // Past the stack buffer the string overload takes another path; both must agree.
        string text = string.Concat(Enumerable.Repeat("ключ-é-", 200));

        Assert.Equal(Fnv1a32.Hash(Encoding.UTF8.GetBytes(text)), Fnv1a32.Hash(text));
    }
}
