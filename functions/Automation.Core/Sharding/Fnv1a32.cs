using System.Text;

namespace Automation.Core.Sharding;

/// <summary>
/// FNV-1a, 32-bit (offset basis 2166136261, prime 16777619), over the UTF-8 bytes of a string.
/// The shard suffix of a key is defined on this hash, so the client library, the shard registry and the
/// migration must all use exactly this function; the test vectors in the tests pin it.
/// </summary>
public static class Fnv1a32
{
    public const uint OffsetBasis = 2166136261;
    public const uint Prime = 16777619;

    /// <summary>Hash of raw bytes.</summary>
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

    /// <summary>Hash of the UTF-8 encoding of <paramref name="text"/> (no BOM, no terminator).</summary>
    public static uint Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[max];
            int length = Encoding.UTF8.GetBytes(text, buffer);
            return Hash(buffer[..length]);
        }

        return Hash(Encoding.UTF8.GetBytes(text));
    }
}
