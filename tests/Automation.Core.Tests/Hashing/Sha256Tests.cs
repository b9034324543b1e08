using System.Text;

using Automation.Core.Hashing;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using Bcl = System.Security.Cryptography.SHA256;

namespace Automation.Core.Tests.Hashing;

/// <summary>
/// The managed SHA-256 against the FIPS 180-4 / NIST examples (csrc.nist.gov "Examples with Intermediate Values",
/// SHA256.pdf and SHA2_Additional) and against the BCL's <see cref="Bcl"/>: every length around the one- and two-block
/// padding boundaries, and random inputs.
/// </summary>
public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData(
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void NistExamples(string message, string expected) =>
        Assert.Equal(expected, Hex(Sha256.HashData(Encoding.ASCII.GetBytes(message))));

    [Fact]
    public void OneMillionA() =>
        Assert.Equal(
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            Hex(Sha256.HashData(Enumerable.Repeat((byte)'a', 1_000_000).ToArray())));

    [Fact]
    public void EveryLengthFrom0To130MatchesTheBcl()
    {
        // 55/56 and 63/64 decide whether the length fits the last block; 119/120 and 127/128 likewise one block later.
        var random = new Random(1804);
        for (int length = 0; length <= 130; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            Assert.True(Bcl.HashData(message).AsSpan().SequenceEqual(Sha256.HashData(message)), $"length {length}");
        }
    }

    [Fact]
    public void RandomInputsMatchTheBcl() => PropertyCases.ForAll(
        ArbMap.Default.ArbFor<byte[]>(),
        message => Assert.Equal(Hex(Bcl.HashData(message)), Hex(Sha256.HashData(message))));

    [Fact]
    public void LongRandomInputsMatchTheBcl() => PropertyCases.ForAll(
        Gen.Choose(0, 4_096).SelectMany(length => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)).ToArbitrary(),
        message => Assert.Equal(Hex(Bcl.HashData(message)), Hex(Sha256.HashData(message))));

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);
}
