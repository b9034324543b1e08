using System.Text.Json;
using Automation.Core.Triggers;
using Automation.Functions.Host;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>NormalizeTrigger</c>: state machine input (alarm event or manual request) →
/// <see cref="NormalizedTrigger"/>. All decisions are in <see cref="TriggerNormalizer"/>.
/// </summary>
public sealed partial class NormalizeTriggerHandler(StepServices services, TriggerOptions options) : IStepHandler
{
    /// <summary>Environment variable set from the template parameter AlarmTriggeredDryRun.</summary>
    public const string AlarmDryRunVariable = "ALARM_TRIGGERED_DRY_RUN";

    private readonly ILogger _logger = services.Loggers.CreateLogger<NormalizeTriggerHandler>();

    public string Name => "NormalizeTrigger";

    /// <summary>Reads the options from the environment; alarm runs are dry unless explicitly "false".</summary>
    public static TriggerOptions OptionsFromEnvironment() =>
        new(AlarmTriggeredDryRun: !string.Equals(
            Environment.GetEnvironmentVariable(AlarmDryRunVariable), "false", StringComparison.OrdinalIgnoreCase));

    public Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = TriggerNormalizer.Normalize(inputJson, options);
        if (result.Trigger is { } trigger)
        {
            LogAccepted(trigger.Source, trigger.TableName, trigger.IndexName, trigger.IdempotencyKey, trigger.DryRun);
        }
        else
        {
            LogDeclined(result.NotActionableReason, result.Summary);
        }

        return Task.FromResult(JsonSerializer.Serialize(result, TriggerJsonContext.Default.NormalizedTrigger));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger accepted from {Source} for table {TableName} index {IndexName} (key {IdempotencyKey}, dryRun {DryRun})")]
    private partial void LogAccepted(TriggerSource source, string tableName, string? indexName, string idempotencyKey, bool dryRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger not actionable ({NotActionableReason}): {Summary}")]
    private partial void LogDeclined(NotActionableReason? notActionableReason, string summary);
}
