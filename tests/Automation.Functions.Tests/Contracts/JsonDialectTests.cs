using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Core;
using Automation.Core.Errors;
using Automation.Core.Triggers;
using Automation.Functions.Aws;
using Automation.Functions.Contracts;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Automation.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Contracts;

/// <summary>
/// One JSON dialect for every step: the functions' <see cref="StepJsonContext"/> and the core's
/// <see cref="CoreJsonContext"/> are generated with the same options, and every step applies the same rule on case:
/// property names are camelCase and case-sensitive, so <c>IncidentId</c> is an unknown field for every step.
/// </summary>
public sealed class JsonDialectTests
{
    [Fact]
    public void The_step_and_core_contexts_have_the_same_options()
    {
        JsonSerializerOptions step = StepJsonContext.Default.Options;
        JsonSerializerOptions core = CoreJsonContext.Default.Options;

        Assert.Same(JsonNamingPolicy.CamelCase, step.PropertyNamingPolicy);
        Assert.False(step.PropertyNameCaseInsensitive);
        Assert.True(step.RespectNullableAnnotations);
        Assert.True(step.RespectRequiredConstructorParameters);
        Assert.False(step.AllowTrailingCommas);
        Assert.Equal(JsonNumberHandling.Strict, step.NumberHandling);

        Assert.Equal(step.PropertyNamingPolicy, core.PropertyNamingPolicy);
        Assert.Equal(step.PropertyNameCaseInsensitive, core.PropertyNameCaseInsensitive);
        Assert.Equal(step.RespectNullableAnnotations, core.RespectNullableAnnotations);
        Assert.Equal(step.RespectRequiredConstructorParameters, core.RespectRequiredConstructorParameters);
        Assert.Equal(step.AllowTrailingCommas, core.AllowTrailingCommas);
        Assert.Equal(step.NumberHandling, core.NumberHandling);
        Assert.Equal(step.DefaultIgnoreCondition, core.DefaultIgnoreCondition);
        Assert.Equal(step.ReadCommentHandling, core.ReadCommentHandling);
        Assert.Equal(step.UnmappedMemberHandling, core.UnmappedMemberHandling);
        Assert.Equal(step.Converters.Select(c => c.GetType()), core.Converters.Select(c => c.GetType()));
    }

    [Fact]
    public void A_record_both_contexts_know_is_written_identically_with_enums_as_names()
    {
        NormalizedTrigger trigger = TriggerNormalizer.Normalize(
            File.ReadAllText(Automation.Tests.Shared.RepoPaths.Event("NormalizeTrigger", "gsi-alarm.json")), new TriggerOptions(AlarmTriggeredDryRun: false));

        string byStep = JsonSerializer.Serialize(trigger, StepJsonContext.Default.NormalizedTrigger);

        Assert.Equal(byStep, JsonSerializer.Serialize(trigger, CoreJsonContext.Default.NormalizedTrigger));
        Assert.Contains("\"source\":\"Alarm\"", byStep, StringComparison.Ordinal);
        Assert.Equal(trigger, JsonSerializer.Deserialize(byStep, CoreJsonContext.Default.NormalizedTrigger));
    }

    public static TheoryData<string> Steps()
    {
        var data = new TheoryData<string>();
        foreach (var name in Catalog().Keys.Where(n => n != "NormalizeTrigger").Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_PascalCase_field_is_an_unknown_field_for_every_step(string step)
    {
        var error = await Assert.ThrowsAsync<AutomationException>(() =>
            Catalog()[step].HandleAsync("""{"IncidentId":"inc-2bc9e8d1c6ee14f221e8cddc"}""", Context(step), CancellationToken.None));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal("$.IncidentId", error.Field);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task An_empty_object_names_a_missing_field_and_never_reaches_a_store(string step)
    {
        var error = await Assert.ThrowsAsync<AutomationException>(() => Catalog()[step].HandleAsync("{}", Context(step), CancellationToken.None));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.False(string.IsNullOrEmpty(error.Field));
        Assert.Contains($"'{error.Field}'", error.Message, StringComparison.Ordinal);
    }

    // The stores throw if touched: validation happens before any I/O.
    private static IReadOnlyDictionary<string, IStepHandler> Catalog() => StoreFreeCatalog.Create();

    private static InvocationContext Context(string step) =>
        new("req-1", $"arn:aws:lambda:eu-west-1:123456789012:function:{step}", DateTimeOffset.UtcNow.AddMinutes(1), null, step);
}
