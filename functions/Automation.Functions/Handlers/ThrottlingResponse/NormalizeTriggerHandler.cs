using System.Text.Json.Serialization.Metadata;

namespace Automation.Functions.Handlers.ThrottlingResponse;

/// <summary>
/// <c>NormalizeTrigger</c>: state machine input (alarm event or manual request) →
/// <see cref="NormalizedTrigger"/>. All decisions are in <see cref="TriggerNormalizer"/>, which also reads the raw
/// input (whatever started the execution), so its errors are <c>InvalidTrigger</c> naming the field.
/// </summary>
public sealed partial class NormalizeTriggerHandler(StepServices services, TriggerOptions options)
    : StepHandler<string, NormalizedTrigger>(services)
{
    /// <summary>Environment variable set from the template parameter AlarmTriggeredDryRun.</summary>
    public const string AlarmDryRunVariable = "ALARM_TRIGGERED_DRY_RUN";

    /// <summary>Environment variable naming the suite's alarm-name prefix (unset or empty: markers are not read).</summary>
    public const string AlarmNamePrefixVariable = "ALARM_NAME_PREFIX";

    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "NormalizeTrigger";

    public override string Name => StepName;

    /// <summary>
    /// Reads the options from the environment; alarm runs are dry unless explicitly "false"; the alarm-name prefix is
    /// <c>ALARM_NAME_PREFIX</c> (null when unset or blank).
    /// </summary>
    public static TriggerOptions OptionsFromEnvironment() =>
        new(AlarmTriggeredDryRun: !string.Equals(
            Environment.GetEnvironmentVariable(AlarmDryRunVariable), "false", StringComparison.OrdinalIgnoreCase))
        {
            AlarmNamePrefix = Environment.GetEnvironmentVariable(AlarmNamePrefixVariable) is { } prefix && !string.IsNullOrWhiteSpace(prefix)
                ? prefix.Trim()
                : null,
        };

    // Whatever started the execution, as text: TriggerNormalizer reads it (a 2 KB event; the decode costs microseconds).
    protected override string Parse(ReadOnlyMemory<byte> utf8Input, JsonTypeInfo<string> type) => System.Text.Encoding.UTF8.GetString(StepInput.WithoutByteOrderMark(utf8Input.Span));

    protected override Task<NormalizedTrigger> RunAsync(string input, InvocationContext context, CancellationToken cancellationToken)
    {
        var result = TriggerNormalizer.Normalize(input, options);
        if (result.Trigger is { } trigger)
        {
            LogAccepted(trigger.Source, trigger.TableName, trigger.IndexName, trigger.IdempotencyKey, trigger.DryRun);
        }
        else
        {
            LogDeclined(result.NotActionableReason, result.Summary);
        }

        return Task.FromResult(result);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger accepted from {Source} for table {TableName} index {IndexName} (key {IdempotencyKey}, dryRun {DryRun})")]
    private partial void LogAccepted(TriggerSource source, string tableName, string? indexName, string idempotencyKey, bool dryRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger not actionable ({NotActionableReason}): {Summary}")]
    private partial void LogDeclined(NotActionableReason? notActionableReason, string summary);
}
