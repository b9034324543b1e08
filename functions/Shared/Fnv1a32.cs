using System.Text;

namespace Automation.Hashing;

/// <summary>
/// FNV-1a, 32-bit, as specified by Fowler, Noll and Vo (IETF draft-eastlake-fnv, "The FNV
/// Non-Cryptographic Hash Algorithm"; reference at www.isthe.com/chongo/tech/comp/fnv/):
/// start from the offset basis 2166136261; for each byte, XOR it in, then multiply by the prime
/// 16777619 modulo 2^32. Strings are hashed over their UTF-8 bytes (no BOM, no terminator).
/// </summary>
/// <remarks>
/// The calculated shard suffix is defined on this exact function: every application, the
/// workflow and the migration must agree on it, or writes and reads land on different keys.
/// The tests pin it with the published vectors ("" → 0x811c9dc5, "a" → 0xe40c292c,
/// "foobar" → 0xbf9cf968). This one source file is compiled into both Automation.Core (the workflow side)
/// and Automation.Sharding (the library applications use, which must not depend on Automation.Core), as an
/// internal type of each, so the two can never drift apart.
/// </remarks>
internal static class Fnv1a32
{
    /// <summary>The 32-bit offset basis.</summary>
    public const uint OffsetBasis = 2166136261;

    /// <summary>The 32-bit FNV prime.</summary>
    public const uint Prime = 16777619;

    /// <summary>FNV-1a 32 of raw bytes.</summary>
    public static uint Hash(ReadOnlySpan<byte> data)
    {
        uint hash = OffsetBasis;
        foreach (byte b in data)
        {
            hash ^= b;
            hash = unchecked(hash * Prime);
        }

        return hash;
    }

    /// <summary>FNV-1a 32 of the UTF-8 encoding of <paramref name="text"/>.</summary>
    public static uint Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 256)
        {
            Span<byte> buffer = stackalloc byte[max];
            return Hash(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }

        return Hash(Encoding.UTF8.GetBytes(text));
    }
}
