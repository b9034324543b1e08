using Automation.Core.Diagnosis;
using Automation.Core.Posture;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.Posture;

namespace Automation.Functions.Handlers.Posture;

/// <summary>
/// <c>BuildTableFacts</c>: one table's facts from what the Map gathered (DescribeTable, DescribeContinuousBackups,
/// DescribeContributorInsights, DescribeScalableTargets, KMS DescribeKey, the item-size sample) and the table's
/// hot-key incidents of the last <see cref="HotKeyWindowDays"/> days (the incident table's ByTable GSI). Translation
/// only: the rules are EvaluatePosture's.
/// </summary>
public sealed partial class BuildTableFactsHandler(StepServices services, IncidentStoreProvider incidents)
    : StepHandler<BuildTableFactsInput, TableFactsResult>(services)
{
    public const string StepName = "BuildTableFacts";

    /// <summary>How far back incidents count for the Contributor Insights rule.</summary>
    public const int HotKeyWindowDays = 30;

    /// <summary>Hot-key incident ids kept per table at most.</summary>
    public const int MaxHotKeyIncidents = 20;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => [ErrorTypes.TransientDependencyError, ErrorTypes.DeadlineExceeded];

    protected override async Task<TableFactsResult> RunAsync(BuildTableFactsInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        PostureTableTarget target = input.Target ?? throw InputError.Field("target", "is required ({tableName, segment})");
        PostureRawTable table = input.Table ?? throw InputError.Field("table", "is required (DescribeTable's Table)");
        string arn = table.TableArn is { Length: > 0 } a ? a : throw InputError.Field("table.TableArn", "is required");
        DateTimeOffset now = Services.Time.GetUtcNow();
        var hot = new List<string>();
        await foreach (Incident incident in incidents.Store.ListByTableAsync(target.TableName, now.AddDays(-HotKeyWindowDays), now.AddMilliseconds(1), cancellationToken).ConfigureAwait(false))
        {
            if (incident.Diagnosis is { Kind: nameof(DiagnosisKind.HotKey) } && hot.Count < MaxHotKeyIncidents)
            {
                hot.Add(incident.IncidentId);
            }
        }

        TablePostureFacts facts = Facts(target, table, arn, input, hot);
        LogBuilt(target.TableName, facts.PointInTimeRecoveryEnabled, facts.Indexes.Count, hot.Count);
        return new TableFactsResult(target.TableName, target.Segment, facts, null);
    }

    /// <summary>The facts, from the gathered answers.</summary>
    public static TablePostureFacts Facts(PostureTableTarget target, PostureRawTable table, string arn, BuildTableFactsInput input, IReadOnlyList<string> hotKeyIncidents)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(input);
        bool onDemand = string.Equals(table.BillingModeSummary?.BillingMode, "PAY_PER_REQUEST", StringComparison.Ordinal);
        IndexPostureFacts[] indexes = [.. (table.GlobalSecondaryIndexes ?? []).Select((g, i) => new IndexPostureFacts(
            g?.IndexName ?? throw InputError.Field($"table.GlobalSecondaryIndexes[{i}].IndexName", "is required"),
            !onDemand && (g.ProvisionedThroughput?.WriteCapacityUnits ?? 0) > 0))];
        string tablePrefix = "table/" + target.TableName;
        ScalableTargetFact[] targets = [.. (input.ScalableTargets ?? [])
            .Where(t => t?.ResourceId is { } id && (id == tablePrefix || id.StartsWith(tablePrefix + "/index/", StringComparison.Ordinal)))
            .Select(t => new ScalableTargetFact(t!.ResourceId!, t.ScalableDimension ?? string.Empty))];
        return new TablePostureFacts(
            target.TableName,
            arn,
            target.Segment,
            string.Equals(input.PointInTimeRecoveryStatus, "ENABLED", StringComparison.Ordinal),
            table.DeletionProtectionEnabled ?? false,
            Encryption(table.SseDescription, input.KeyManager),
            indexes,
            string.Equals(input.ContributorInsightsStatus, "ENABLED", StringComparison.Ordinal),
            targets,
            hotKeyIncidents,
            input.Sample?.Sample);
    }

    /// <summary>No SSEDescription (or not ENABLED/UPDATING KMS): AWS owned; KMS with KeyManager CUSTOMER: customer managed; KMS otherwise: AWS managed.</summary>
    public static EncryptionKeyType Encryption(RawSseDescription? sse, string? keyManager)
    {
        if (sse is null || !string.Equals(sse.SseType, "KMS", StringComparison.Ordinal) || sse.Status is "DISABLED" or "DISABLING")
        {
            return EncryptionKeyType.AwsOwned;
        }

        return string.Equals(keyManager, "CUSTOMER", StringComparison.Ordinal) ? EncryptionKeyType.CustomerManaged : EncryptionKeyType.AwsManaged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture facts of {Table}: PITR {Pitr}, {Indexes} GSIs, {HotKeys} hot-key incidents")]
    private partial void LogBuilt(string table, bool pitr, int indexes, int hotKeys);
}
