using System.Globalization;
using System.Text.Json;
using Automation.Core.Errors;
using Automation.Core.Tests.Properties;
using Automation.Functions.Mapping;
using FsCheck;
using FsCheck.Fluent;

namespace Automation.Functions.Tests.Mapping;

/// <summary>
/// <see cref="RawTimestamp"/> reads ISO 8601 strings through System.Text.Json's own parser first (no string, no general
/// parse) and falls back to <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>.
/// Whatever the path, the instant must be the general parse's (invariant culture, UTC assumed without an offset).
/// </summary>
public sealed class RawTimestampTests
{
    [Theory]
    [InlineData("\"2026-11-21T08:14:00Z\"", "2026-11-21T08:14:00.0000000+00:00")]
    [InlineData("\"2026-11-21T08:14:00.989+02:00\"", "2026-11-21T06:14:00.9890000+00:00")]
    [InlineData("\"2026-11-21T08:14:00\"", "2026-11-21T08:14:00.0000000+00:00")]
    [InlineData("\"2026-11-21 08:14:00Z\"", "2026-11-21T08:14:00.0000000+00:00")]
    [InlineData("\"21 Nov 2026 08:14:00 GMT\"", "2026-11-21T08:14:00.0000000+00:00")]
    [InlineData("1763712840.5", "2025-11-21T08:14:00.5000000+00:00")]
    public void Reads_iso_strings_other_date_strings_and_epoch_seconds_as_utc(string json, string expected)
    {
        DateTimeOffset read = RawTimestamp.Read(Element(json), "t");

        Assert.Equal(expected, read.ToString("O", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"2026-02-30T00:00:00Z\"")]
    [InlineData("true")]
    [InlineData("-1")]
    public void Anything_else_is_an_input_error_naming_the_field(string json)
    {
        var error = Assert.Throws<AutomationException>(() => RawTimestamp.Read(Element(json), "table.LastDecreaseDateTime"));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal("table.LastDecreaseDateTime", error.Field);
    }

    [Fact]
    public void Generated_date_strings_read_as_the_general_parser_reads_them() => PropertyCases.ForAll(
        DateText.ToArbitrary(),
        text =>
        {
            bool expectedOk = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset expected);
            DateTimeOffset? read = null;
            try
            {
                read = RawTimestamp.Read(Element(JsonSerializer.Serialize(text)), "t");
            }
            catch (AutomationException)
            {
            }

            Assert.True(expectedOk == read.HasValue, $"'{text}': the general parser {(expectedOk ? "reads" : "rejects")} it, RawTimestamp {(read.HasValue ? "reads" : "rejects")} it");
            if (read is { } instant)
            {
                Assert.Equal(expected.ToUniversalTime(), instant);
                Assert.Equal(TimeSpan.Zero, instant.Offset);
            }
        });

    private static readonly Gen<string> Digits2 = Gen.Frequency(
        (9, Gen.Choose(0, 59).Select(n => n.ToString("00", CultureInfo.InvariantCulture))),
        (1, Gen.Elements("60", "24", "99", "7", "")));

    // Around ISO 8601: most parts valid, some out of range or in another shape (the fallback's territory).
    private static readonly Gen<string> DateText =
        from year in Gen.Frequency((8, Gen.Choose(1990, 2100)), (1, Gen.Choose(1, 9999)), (1, Gen.Elements(0, 1, 9999)))
        from month in Gen.Frequency((9, Gen.Choose(1, 12)), (1, Gen.Elements(0, 13)))
        from day in Gen.Frequency((8, Gen.Choose(1, 28)), (2, Gen.Choose(29, 32)))
        from separator in Gen.Frequency((8, Gen.Constant("T")), (1, Gen.Elements(" ", "t")), (1, Gen.Constant("")))
        from hour in Gen.Frequency((9, Gen.Choose(0, 23).Select(n => n.ToString("00", CultureInfo.InvariantCulture))), (1, Gen.Elements("24", "7")))
        from minute in Digits2
        from second in Gen.Frequency((8, Digits2.Select(s => ":" + s)), (1, Gen.Constant("")))
        from fraction in Gen.Frequency((5, Gen.Constant("")), (5, Gen.Choose(1, 7).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 9), n)).Select(d => "." + string.Concat(d))))
        from zone in Gen.Frequency(
            (3, Gen.Constant("")),
            (3, Gen.Elements("Z", "z")),
            (3, from sign in Gen.Elements("+", "-")
                from hh in Gen.Frequency((9, Gen.Choose(0, 14)), (1, Gen.Choose(15, 24)))
                from mm in Gen.Elements("00", "30", "45")
                from shape in Gen.Elements(":", "", "h")
                select sign + hh.ToString("00", CultureInfo.InvariantCulture) + (shape == "h" ? "" : shape + mm)),
            (1, Gen.Elements(" GMT", "+0", "Z+01:00")))
        from dateOnly in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        let date = year.ToString("0000", CultureInfo.InvariantCulture) + "-" + month.ToString("00", CultureInfo.InvariantCulture) + "-" + day.ToString("00", CultureInfo.InvariantCulture)
        select dateOnly ? date : date + separator + hour + ":" + minute + second + fraction + zone;

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
