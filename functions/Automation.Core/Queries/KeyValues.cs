using System.Globalization;
using System.Text;

namespace Automation.Core.Queries;

/// <summary>
/// What DynamoDB checks on the values a query binds, so the planner can refuse them first (naming the parameter)
/// instead of sending a request DynamoDB refuses with a message that echoes the values
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html, "Attributes"; the BETWEEN
/// operator of condition expressions): key sizes, and the order of BETWEEN's bounds.
/// </summary>
public static class KeyValues
{
    /// <summary>The largest partition key value DynamoDB accepts, in bytes.</summary>
    public const int MaxPartitionKeyBytes = 2048;

    /// <summary>The largest sort key value DynamoDB accepts, in bytes.</summary>
    public const int MaxSortKeyBytes = 1024;

    /// <summary>
    /// The size DynamoDB gives a key value: UTF-8 bytes for a string (S), <see cref="ItemSize.NumberBytes"/> for a
    /// number (N: at most 21 bytes, so a number key is never too large), one byte for a boolean. Binary (B) values are
    /// never bound by a template (the planner refuses binary keys), so no measure of them is needed.
    /// </summary>
    public static int Bytes(ParameterType type, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return type switch
        {
            ParameterType.Number => ItemSize.NumberBytes(value),
            ParameterType.Flag => 1,
            _ => Encoding.UTF8.GetByteCount(value),
        };
    }

    /// <summary>
    /// DynamoDB's order of two values of one type, as BETWEEN and the key conditions use it: strings by their UTF-8
    /// bytes (unsigned, byte by byte: not .NET's UTF-16 ordinal order, which differs above U+FFFF), numbers by their
    /// decimal value (<c>1e3</c> = <c>1000</c>, <c>-0</c> = <c>0</c>). Negative when <paramref name="a"/> comes first.
    /// Numbers must be <see cref="QueryPlanner.IsDynamoDbNumber(string)"/>.
    /// </summary>
    public static int Compare(ParameterType type, string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return type switch
        {
            ParameterType.Number => CompareNumbers(a, b),
            ParameterType.Flag => string.CompareOrdinal(a, b),
            _ => Math.Sign(Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b))),
        };
    }

    /// <summary>Compares two decimal numbers exactly (38 significant digits, exponents far beyond <see cref="decimal"/>).</summary>
    public static int CompareNumbers(string a, string b)
    {
        (int sa, string da, long ea) = Decimal(a);
        (int sb, string db, long eb) = Decimal(b);
        if (sa != sb || sa == 0)
        {
            return sa.CompareTo(sb);
        }

        // Same sign, both non-zero: the order of magnitude (the first digit's power of ten) first, then the digits.
        long magnitudeA = ea + da.Length - 1;
        long magnitudeB = eb + db.Length - 1;
        if (magnitudeA != magnitudeB)
        {
            return sa * magnitudeA.CompareTo(magnitudeB);
        }

        int width = Math.Max(da.Length, db.Length);
        return sa * Math.Sign(string.CompareOrdinal(da.PadRight(width, '0'), db.PadRight(width, '0')));
    }

    /// <summary>The number as sign, significant digits (no leading or trailing zeros) and the power of ten of the last one.</summary>
    private static (int Sign, string Digits, long Exponent) Decimal(string text)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative)
        {
            s = s[1..];
        }

        long exponent = 0;
        int e = s.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            exponent = long.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        int point = s.IndexOf('.');
        string digits = point < 0 ? s.ToString() : string.Concat(s[..point], s[(point + 1)..]);
        if (point >= 0)
        {
            exponent -= s.Length - point - 1;
        }

        digits = digits.TrimStart('0');
        int trailing = digits.Length - digits.TrimEnd('0').Length;
        digits = digits[..^trailing];
        exponent += trailing;
        return digits.Length == 0 ? (0, string.Empty, 0) : (negative ? -1 : 1, digits, exponent);
    }
}
