using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Automation.Functions.Logging;

/// <summary>
/// Writes a message-template argument or scope value as JSON: numbers, booleans and strings as
/// themselves, times in ISO 8601, sequences as arrays, anything else as its invariant string form.
/// </summary>
internal static class JsonLogValue
{
    private const int MaxDepth = 4;

    public static void Write(Utf8JsonWriter json, object? value) => Write(json, value, 0);

    private static void Write(Utf8JsonWriter json, object? value, int depth)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong big:
                json.WriteNumberValue(big);
                break;
            case decimal money:
                json.WriteNumberValue(money);
                break;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(real))
                {
                    json.WriteNumberValue(real);
                }
                else
                {
                    json.WriteStringValue(real.ToString(CultureInfo.InvariantCulture));
                }
                break;
            case DateTimeOffset instant:
                json.WriteStringValue(instant);
                break;
            case DateTime time:
                json.WriteStringValue(time);
                break;
            case TimeSpan span:
                json.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                json.WriteStringValue(id);
                break;
            case Enum named:
                json.WriteStringValue(named.ToString());
                break;
            case IEnumerable sequence when depth < MaxDepth:
                json.WriteStartArray();
                foreach (var item in sequence)
                {
                    Write(json, item, depth + 1);
                }
                json.WriteEndArray();
                break;
            case IFormattable formattable:
                json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
