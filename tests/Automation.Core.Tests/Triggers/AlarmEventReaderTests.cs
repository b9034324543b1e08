using System.Text.Json;
using System.Text.Json.Serialization;

using Automation.Core.Errors;
using Automation.Core.Tests.Properties;
using Automation.Core.Triggers;
using Automation.Tests.Shared;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Triggers;

/// <summary>
/// <see cref="AlarmEventReader"/> binds the alarm event by hand (for NormalizeTrigger's first invocation); these hold it to
/// what System.Text.Json's source-generated binding of the same records, with <see cref="CoreJsonContext"/>'s options,
/// makes of the same JSON: the same record, or a failure naming the same JSON path.
/// </summary>
public class AlarmEventReaderTests
{
    [Fact]
    public void The_reference_binding_has_the_core_options()
    {
        var reference = ReferenceJsonContext.Default.Options;
        var core = CoreJsonContext.Default.Options;

        Assert.Equal(core.PropertyNamingPolicy, reference.PropertyNamingPolicy);
        Assert.Equal(core.PropertyNameCaseInsensitive, reference.PropertyNameCaseInsensitive);
        Assert.Equal(core.RespectNullableAnnotations, reference.RespectNullableAnnotations);
        Assert.Equal(core.RespectRequiredConstructorParameters, reference.RespectRequiredConstructorParameters);
        Assert.Equal(core.AllowTrailingCommas, reference.AllowTrailingCommas);
        Assert.Equal(core.UnmappedMemberHandling, reference.UnmappedMemberHandling);
        Assert.Equal(core.AllowDuplicateProperties, reference.AllowDuplicateProperties);
    }

    [Fact]
    public void The_documented_event_binds_every_field()
    {
        var e = AlarmEventReader.Read(Parse(Fixture("table-alarm.json")));

        Assert.Equal("aws.cloudwatch", e.Source);
        Assert.Equal("CloudWatch Alarm State Change", e.DetailType);
        Assert.NotNull(e.Resources);
        Assert.Single(e.Resources);
        var metric = Assert.Single(e.Detail!.Configuration!.Metrics!);
        Assert.Equal("AWS/DynamoDB", metric.MetricStat!.Metric!.Namespace);
        Assert.Equal("Orders", metric.MetricStat.Metric.Dimensions!["TableName"]);
        Assert.Equal(Reference(Fixture("table-alarm.json")), Outcome(Fixture("table-alarm.json")));
    }

    [Theory]
    [InlineData("""{"source":5}""", "$.source")]
    [InlineData("""{"detail":"x"}""", "$.detail")]
    [InlineData("""{"resources":[1]}""", "$.resources[0]")]
    [InlineData("""{"detail":{"state":{"value":true}}}""", "$.detail.state.value")]
    [InlineData("""{"detail":{"configuration":{"metrics":[{"metricStat":{"period":"60"}}]}}}""", "$.detail.configuration.metrics[0].metricStat.period")]
    [InlineData("""{"detail":{"configuration":{"metrics":[{"metricStat":{"period":60.5}}]}}}""", "$.detail.configuration.metrics[0].metricStat.period")]
    [InlineData("""{"detail":{"configuration":{"metrics":[{"metricStat":{"metric":{"dimensions":{"a.b":1}}}}]}}}""", "$.detail.configuration.metrics[0].metricStat.metric.dimensions['a.b']")]
    [InlineData("""{"detail":{"configuration":{"metrics":[{"metricStat":{"metric":{"dimensions":{"$x":1}}}}]}}}""", "$.detail.configuration.metrics[0].metricStat.metric.dimensions.$x")]
    [InlineData("""{"detail":{"configuration":{"metrics":[{"metricStat":{"metric":{"dimensions":{"it's":1}}}}]}}}""", "$.detail.configuration.metrics[0].metricStat.metric.dimensions['it's']")]
    public void A_value_of_the_wrong_kind_is_an_invalid_trigger_naming_its_path(string json, string path)
    {
        var error = Assert.Throws<AutomationException>(() => AlarmEventReader.Read(Parse(json)));

        Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorType);
        Assert.Equal(path, error.Field);
        Assert.Equal(Reference(json), Outcome(json));
    }

    [Fact]
    public void Generated_events_bind_as_the_serializer_binds_them() => PropertyCases.ForAll(
        EventJson.ToArbitrary(),
        json => Assert.Equal(Reference(json), Outcome(json)));

    // The same, with the envelope down to the metrics well-formed, so the deep members vary in every case.
    [Fact]
    public void Generated_metrics_bind_as_the_serializer_binds_them() => PropertyCases.ForAll(
        Gen.ListOf(Metric, 2).Select(m => """{"source":"aws.cloudwatch","detail":{"alarmName":"a","configuration":{"metrics":[""" + m[0] + "," + m[1] + "]}}}").ToArbitrary(),
        json => Assert.Equal(Reference(json), Outcome(json)));

    [Fact]
    public void Generated_dimensions_bind_as_the_serializer_binds_them() => PropertyCases.ForAll(
        Dimensions.Select(d => """{"detail":{"configuration":{"metrics":[{"metricStat":{"metric":{"namespace":"AWS/DynamoDB","dimensions":""" + d + "}}}]}}}").ToArbitrary(),
        json => Assert.Equal(Reference(json), Outcome(json)));

    // What the hand binding makes of the JSON: the record (written back out by the reference binding) or the failing path.
    private static string Outcome(string json)
    {
        try
        {
            return "bound " + JsonSerializer.Serialize(AlarmEventReader.Read(Parse(json)), ReferenceJsonContext.Default.AlarmStateChangeEvent);
        }
        catch (AutomationException e) when (e.ErrorType == ErrorTypes.InvalidTrigger)
        {
            return "fails at " + e.Field;
        }
    }

    // What the source-generated binding makes of it.
    private static string Reference(string json)
    {
        try
        {
            var e = Parse(json).Deserialize(ReferenceJsonContext.Default.AlarmStateChangeEvent);
            return "bound " + JsonSerializer.Serialize(e, ReferenceJsonContext.Default.AlarmStateChangeEvent);
        }
        catch (JsonException e)
        {
            return "fails at " + e.Path;
        }
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Fixture(string name) => File.ReadAllText(RepoPaths.Event("NormalizeTrigger", name));

    // ---- generated events: every member present, absent, null, duplicated or of the wrong kind; unknown and odd-named members.

    private static readonly Gen<string> AnyValue = Gen.Elements(
        "null", "42", "-1", "1.5", "1e2", "2147483648", "true", "false", "\"s\"", "\"\"", "[]", "[1]", "[\"a\",null]", "{}", """{"a":1}""");

    private static readonly Gen<string> Text = Gen.Frequency(
        (8, Gen.Elements("ALARM", "OK", "aws.cloudwatch", "CloudWatch Alarm State Change", "Orders", "", "2026-12-01T00:00:00.000+0000").Select(Quote)),
        (2, AnyValue));

    private static readonly Gen<string> Whole = Gen.Frequency(
        (8, Gen.Elements("60", "300", "0", "-5")),
        (2, Gen.Elements("2147483648", "1.5", "1e2", "\"60\"", "true", "null", "[]")));

    private static readonly Gen<string> Flag = Gen.Frequency((8, Gen.Elements("true", "false")), (2, AnyValue));

    private static readonly Gen<string> OddName = Gen.Elements("a.b", "it's", "x y", "$ref", "back\\slash", "[0]", "TableName", "tableName", "Операция");

    private static Gen<string> Array(Gen<string> item) => Gen.Frequency(
        (8, Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(item, n)).Select(items => "[" + string.Join(",", items) + "]")),
        (2, AnyValue));

    private static Gen<string> Object(params (string Name, Gen<string> Value)[] members) => Gen.Frequency(
        (9, ObjectOf(members)),
        (1, AnyValue));

    // Each member absent, present or present twice (the last one wins); now and then an unknown member, or a known
    // name in another case (names are case-sensitive).
    private static Gen<string> ObjectOf((string Name, Gen<string> Value)[] members)
    {
        var parts = members.Select(m => Gen.Frequency(
            (2, Gen.Constant(System.Array.Empty<string>())),
            (7, m.Value.Select(v => new[] { Member(m.Name, v) })),
            (1, m.Value.Two().Select(v => new[] { Member(m.Name, v.Item1), Member(m.Name, v.Item2) }))));
        var extra = Gen.Frequency(
            (7, Gen.Constant(System.Array.Empty<string>())),
            (2, OddName.SelectMany(name => AnyValue.Select(v => new[] { Member(name, v) }))),
            (1, Gen.Elements(members).SelectMany(m => AnyValue.Select(v => new[] { Member(m.Name.ToUpperInvariant(), v) }))));
        return Gen.CollectToList(parts.Append(extra), g => g).Select(all => "{" + string.Join(",", all.SelectMany(p => p)) + "}");
    }

    private static readonly Gen<string> Dimensions = Gen.Frequency(
        (8, Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(
            Gen.Frequency((3, Gen.Elements("TableName", "GlobalSecondaryIndexName", "Operation")), (1, OddName)).SelectMany(name => Text.Select(v => Member(name, v))), n))
            .Select(items => "{" + string.Join(",", items) + "}")),
        (2, AnyValue));

    private static readonly Gen<string> State = Object(("value", Text), ("reason", Text), ("reasonData", Text), ("timestamp", Text));

    private static readonly Gen<string> Metric = Object(
        ("id", Text),
        ("metricStat", Object(
            ("metric", Object(("namespace", Text), ("name", Text), ("dimensions", Dimensions))),
            ("period", Whole),
            ("stat", Text))),
        ("expression", Text),
        ("returnData", Flag));

    private static readonly Gen<string> EventJson = ObjectOf(
    [
        ("version", Text), ("id", Text), ("detail-type", Text), ("source", Text), ("account", Text), ("time", Text), ("region", Text),
        ("resources", Array(Text)),
        ("detail", Object(
            ("alarmName", Text),
            ("state", State),
            ("previousState", State),
            ("configuration", Object(("description", Text), ("metrics", Array(Metric)), ("alarmRule", Text))))),
    ]);

    private static string Member(string name, string value) => Quote(name) + ":" + value;

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";
}

/// <summary>The source-generated binding the hand binding is held to: <see cref="CoreJsonContext"/>'s options (pinned above).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(AlarmStateChangeEvent))]
internal sealed partial class ReferenceJsonContext : JsonSerializerContext;
