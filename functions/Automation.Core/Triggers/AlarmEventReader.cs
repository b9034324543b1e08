using System.Text.Json;
using Automation.Core.Errors;

namespace Automation.Core.Triggers;

/// <summary>
/// Binds a parsed EventBridge alarm event to <see cref="AlarmStateChangeEvent"/> by walking the
/// <see cref="JsonElement"/> the normaliser already holds, instead of through source-generated serializer metadata.
/// </summary>
/// <remarks>
/// <para>Why by hand: every alarm-started execution begins with NormalizeTrigger, usually in a fresh process. Building
/// the serializer metadata of the event's seven records on first use took 0.63 ms of that step's 1.37 ms first
/// invocation in the Native AOT bootstrap (0.04 ms warm; docs/benchmarks-host.md, "NormalizeTrigger's first
/// invocation"). This walk does the same binding with no metadata to build.</para>
/// <para>The rules are those of <see cref="CoreJsonContext"/>, and a test holds the two together over generated events
/// (AlarmEventReaderTests): the JSON names are the records' <c>[JsonPropertyName]</c>s, matched case-sensitively;
/// unknown members are skipped; every property may be null or absent; the last of duplicate members wins; a value of
/// the wrong JSON kind (or an integer out of range) fails <c>InvalidTrigger</c> naming its JSON path the way
/// System.Text.Json writes it (<c>$.detail.state.value</c>, <c>$.resources[0]</c>, <c>dimensions['odd.name']</c>).</para>
/// </remarks>
internal static class AlarmEventReader
{
    // System.Text.Json (ReadStack.SpecialCharacters) writes a member name in bracket notation when it holds one of these.
    private static readonly System.Buffers.SearchValues<char> BracketedNameCharacters =
        System.Buffers.SearchValues.Create(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");

    public static AlarmStateChangeEvent Read(JsonElement root) => Event(root, "$");

    private static AlarmStateChangeEvent Event(JsonElement value, string path)
    {
        var e = new AlarmStateChangeEvent();
        foreach (var member in Members(value, path))
        {
            var at = Child(path, member.Name);
            e = member.Name switch
            {
                "version" => e with { Version = Text(member.Value, at) },
                "id" => e with { Id = Text(member.Value, at) },
                "detail-type" => e with { DetailType = Text(member.Value, at) },
                "source" => e with { Source = Text(member.Value, at) },
                "account" => e with { Account = Text(member.Value, at) },
                "time" => e with { Time = Text(member.Value, at) },
                "region" => e with { Region = Text(member.Value, at) },
                "resources" => e with { Resources = Items(member.Value, at, Text) },
                "detail" => e with { Detail = OrNull(member.Value, at, Detail) },
                _ => e,
            };
        }

        return e;
    }

    private static AlarmDetail Detail(JsonElement value, string path)
    {
        var d = new AlarmDetail();
        foreach (var member in Members(value, path))
        {
            var at = Child(path, member.Name);
            d = member.Name switch
            {
                "alarmName" => d with { AlarmName = Text(member.Value, at) },
                "state" => d with { State = OrNull(member.Value, at, State) },
                "previousState" => d with { PreviousState = OrNull(member.Value, at, State) },
                "configuration" => d with { Configuration = OrNull(member.Value, at, Configuration) },
                _ => d,
            };
        }

        return d;
    }

    private static AlarmState State(JsonElement value, string path)
    {
        var s = new AlarmState();
        foreach (var member in Members(value, path))
        {
            var at = Child(path, member.Name);
            s = member.Name switch
            {
                "value" => s with { Value = Text(member.Value, at) },
                "reason" => s with { Reason = Text(member.Value, at) },
                "reasonData" => s with { ReasonData = Text(member.Value, at) },
                "timestamp" => s with { Timestamp = Text(member.Value, at) },
                _ => s,
            };
        }

        return s;
    }

    private static AlarmConfiguration Configuration(JsonElement value, string path)
    {
        var c = new AlarmConfiguration();
        foreach (var member in Members(value, path))
        {
            var at = Child(path, member.Name);
            c = member.Name switch
            {
                "description" => c with { Description = Text(member.Value, at) },
                "metrics" => c with { Metrics = Items(member.Value, at, OrNull<AlarmMetric>(Metric)) },
                "alarmRule" => c with { AlarmRule = Text(member.Value, at) },
                _ => c,
            };
        }

        return c;
    }

    private static AlarmMetric Metric(JsonElement value, string path)
    {
        var m = new AlarmMetric();
        foreach (var member in Members(value, path))
        {
            var at = Child(path, member.Name);
            m = member.Name switch
            {
                "id" => m with { Id = Text(member.Value, at) },
                "metricStat" => m with { MetricStat = OrNull(member.Value, at, MetricStat) },
                "expression" => m with { Expression = Text(member.Value, at) },
                "returnData" => m with { ReturnData = Flag(member.Value, at) },
                _ => m,
            };
        }

        return m;
    }

    private static AlarmMetricStat MetricStat(JsonElement value, string path)
    {
        var s = new AlarmMetricStat();
        foreach (var member in Members(value, path))
        {
            var at = Child(path, member.Name);
            s = member.Name switch
            {
                "metric" => s with { Metric = OrNull(member.Value, at, MetricIdentity) },
                "period" => s with { Period = WholeNumber(member.Value, at) },
                "stat" => s with { Stat = Text(member.Value, at) },
                _ => s,
            };
        }

        return s;
    }

    private static AlarmMetricIdentity MetricIdentity(JsonElement value, string path)
    {
        var m = new AlarmMetricIdentity();
        foreach (var member in Members(value, path))
        {
            var at = Child(path, member.Name);
            m = member.Name switch
            {
                "namespace" => m with { Namespace = Text(member.Value, at) },
                "name" => m with { Name = Text(member.Value, at) },
                "dimensions" => m with { Dimensions = Dimensions(member.Value, at) },
                _ => m,
            };
        }

        return m;
    }

    private static Dictionary<string, string>? Dimensions(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in Members(value, path))
        {
            // A null dimension value is kept, as the serializer keeps it (collection values carry no nullability).
            dimensions[member.Name] = Text(member.Value, Child(path, member.Name))!;
        }

        return dimensions;
    }

    private static JsonElement.ObjectEnumerator Members(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : throw WrongKind(path, "an object", value);

    private static T? OrNull<T>(JsonElement value, string path, Func<JsonElement, string, T> read)
        where T : class =>
        value.ValueKind == JsonValueKind.Null ? null : read(value, path);

    private static Func<JsonElement, string, T?> OrNull<T>(Func<JsonElement, string, T> read)
        where T : class =>
        (value, path) => OrNull(value, path, read);

    private static List<T>? Items<T>(JsonElement value, string path, Func<JsonElement, string, T?> read)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array:
                var items = new List<T>(value.GetArrayLength());
                int index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    // A null item is kept, as the serializer keeps it (collection items carry no nullability).
                    items.Add(read(item, $"{path}[{index++}]")!);
                }

                return items;
            default:
                throw WrongKind(path, "an array", value);
        }
    }

    private static string? Text(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw WrongKind(path, "a string", value),
    };

    private static bool? Flag(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw WrongKind(path, "true or false", value),
    };

    private static int? WholeNumber(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var number) => number,
        JsonValueKind.Number => throw InvalidTrigger.Field(path, $"has the wrong type or is not allowed (must be a whole number from {int.MinValue} to {int.MaxValue}, not {value.GetRawText()})"),
        JsonValueKind.Null => null,
        _ => throw WrongKind(path, "a whole number", value),
    };

    private static AutomationException WrongKind(string path, string expected, JsonElement value) =>
        InvalidTrigger.Field(path, $"has the wrong type or is not allowed (must be {expected}, not {value.ValueKind})");

    // The member's JSON path as System.Text.Json writes it in JsonException.Path: ['name'] (unescaped) when the name holds
    // one of its special characters, .name otherwise.
    private static string Child(string path, string name) =>
        name.AsSpan().IndexOfAny(BracketedNameCharacters) < 0 ? $"{path}.{name}" : $"{path}['{name}']";
}
