using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Automation.Aws.Incidents;
using Automation.Aws.Queries;
using Automation.Aws.Tuning;
using Automation.Core.Alarms;
using Automation.Core.Incidents;
using Automation.Core.Queries;
using Automation.Core.Triggers;
using Automation.Core.Tuning;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Scenarios;

/// <summary>
/// <c>arrange.incidents</c>, <c>arrange.queryRuns</c> and <c>arrange.thresholdChanges</c>: history written through the
/// suite's own stores (<see cref="DynamoDbIncidentStore"/>, <see cref="DynamoDbQueryAuditStore"/>, <see cref="DynamoDbThresholdChangeStore"/>) into the stack's tables, so the items are
/// byte for byte what the workflows write. Times are relative to the moment of the arrange.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>The state machine name seeded records point their execution at (no such execution exists).</summary>
    public const string SeededExecutionPrefix = "arn:aws:states:" + LocalAccount.Region + ":" + LocalAccount.AccountId + ":execution:seeded-history:";

    private async Task ArrangeHistoryAsync(ScenarioArrange arrange, string runId, CancellationToken token)
    {
        if (arrange.Incidents.Count == 0 && arrange.QueryRuns.Count == 0 && arrange.ThresholdChanges.Count == 0)
        {
            return;
        }

        using var dynamoDb = new AmazonDynamoDBClient(new BasicAWSCredentials(LocalAccount.AccessKeyId, LocalAccount.SecretAccessKey), new AmazonDynamoDBConfig
        {
            ServiceURL = cloud.MotoEndpoint.GetLeftPart(UriPartial.Authority),
            AuthenticationRegion = LocalAccount.Region,
            MaxErrorRetry = 2,
        });
        var now = DateTimeOffset.UtcNow;
        if (arrange.Incidents.Count > 0)
        {
            var store = new DynamoDbIncidentStore(dynamoDb, IncidentStoreOptions.ForTable(stack.Resource("IncidentsTable").PhysicalId));
            for (var i = 0; i < arrange.Incidents.Count; i++)
            {
                await store.OpenAsync(SeededIncident(arrange.Incidents[i], i, runId, now), token).ConfigureAwait(false);
            }
        }

        if (arrange.QueryRuns.Count > 0)
        {
            var audit = new DynamoDbQueryAuditStore(dynamoDb, stack.Resource("QueryAuditTable").PhysicalId);
            for (var i = 0; i < arrange.QueryRuns.Count; i++)
            {
                await audit.RecordAsync(SeededRun(arrange.QueryRuns[i], i, runId, now), token).ConfigureAwait(false);
            }
        }

        if (arrange.ThresholdChanges.Count > 0)
        {
            var changes = new DynamoDbThresholdChangeStore(dynamoDb, stack.Resource("ThresholdChangesTable").PhysicalId);
            for (var i = 0; i < arrange.ThresholdChanges.Count; i++)
            {
                await changes.AppendAsync(SeededChange(arrange.ThresholdChanges[i], i, now), token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The incident record of <paramref name="seed"/> (the <paramref name="index"/>-th entry), as the workflows write it.</summary>
    public static Incident SeededIncident(ScenarioIncident seed, int index, string runId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var field = $"arrange.incidents[{index}]";
        var status = ParseEnum<IncidentStatus>(seed.Status, $"{field}.status");
        AlarmKind? kind = seed.Kind is null ? null : ParseEnum<AlarmKind>(seed.Kind, $"{field}.kind");
        var opened = now - TimeSpan.FromMinutes(seed.OpenedMinutesAgo);
        var final = IncidentTransitions.IsFinal(status);
        DateTimeOffset? closed = !final ? null : now - TimeSpan.FromMinutes(seed.ClosedMinutesAgo ?? Math.Max(0, seed.OpenedMinutesAgo - 5));
        if (closed < opened)
        {
            throw new FormatException($"{field}.closedMinutesAgo: closes before it opened (openedMinutesAgo {seed.OpenedMinutesAgo}).");
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"seeded:{runId}:{index}:{seed.AlarmName ?? seed.Table}");
        var id = seed.IncidentId ?? IncidentIds.ForIdempotencyKey(key);
        var alarm = seed.AlarmName is not null;
        var trigger = new IncidentTrigger(
            alarm ? TriggerSource.Alarm : TriggerSource.Manual,
            seed.Table,
            seed.Index,
            seed.MetricName ?? (kind is { } k ? AlarmKinds.MetricName(k) : null),
            seed.AlarmName,
            alarm ? $"arn:aws:cloudwatch:{LocalAccount.Region}:{LocalAccount.AccountId}:alarm:{seed.AlarmName}" : null,
            LocalAccount.Region,
            LocalAccount.AccountId,
            alarm ? opened : null,
            "seeded by the scenario (arrange.incidents)",
            alarm ? null : "scenario",
            key,
            seed.DryRun)
        {
            Runbook = seed.Runbook ?? (kind is { } r ? AlarmKinds.Runbook(r) : AlarmRunbooks.ThrottlingResponse),
            Kind = kind,
        };
        var mitigated = status == IncidentStatus.Mitigated;
        return new Incident(id, trigger, status, ExecutionLink.FromArn(SeededExecutionPrefix + id), opened, closed ?? opened, 1)
        {
            ClosedAt = closed,
            Diagnosis = seed.Diagnosis is null ? null : new DiagnosisRecord(seed.Diagnosis, seed.Explanation, null),
            Outcome = seed.Outcome ?? (final ? $"{status} (seeded)" : null),
            TimeToMitigateMs = mitigated ? seed.TimeToMitigateMs ?? (long)((closed ?? opened) - opened).TotalMilliseconds : seed.TimeToMitigateMs,
        };
    }

    /// <summary>The audit record of <paramref name="seed"/> (the <paramref name="index"/>-th entry), as RecordQueryRun writes it.</summary>
    public static QueryAuditRecord SeededRun(ScenarioQueryRun seed, int index, string runId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var field = $"arrange.queryRuns[{index}]";
        var id = seed.RunId ?? string.Create(CultureInfo.InvariantCulture, $"seeded-{runId}-{index}");
        var started = now - TimeSpan.FromMinutes(seed.StartedMinutesAgo);
        var status = ParseEnum<QueryRunStatus>(seed.Status, $"{field}.status");
        return new QueryAuditRecord(
            id,
            SeededExecutionPrefix + id,
            status,
            seed.RequestedBy,
            seed.Reason,
            null,
            "SEEDED-1",
            seed.Template,
            null,
            seed.Segment,
            null,
            seed.Table,
            seed.Index,
            ParseEnum<QueryOperation>(seed.Operation, $"{field}.operation"),
            new Dictionary<string, string>(StringComparer.Ordinal),
            seed.Pages,
            seed.Items,
            seed.Items,
            seed.ConsumedUnits,
            seed.ReadCeiling,
            status == QueryRunStatus.Succeeded ? StopReason.Completed : null,
            started,
            started + TimeSpan.FromSeconds(1),
            1000,
            null,
            null,
            status == QueryRunStatus.Succeeded ? null : "SeededFailure",
            status == QueryRunStatus.Succeeded ? null : "seeded by the scenario");
    }

    /// <summary>The change record of <paramref name="seed"/>, as RecordThresholdChange writes it (never a dry run).</summary>
    public static ThresholdChange SeededChange(ScenarioThresholdChange seed, int index, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var field = $"arrange.thresholdChanges[{index}]";
        return new ThresholdChange(
            seed.ChangeId,
            seed.AlarmName,
            seed.Segment,
            ParseEnum<AlarmKind>(seed.Kind, $"{field}.kind"),
            seed.OldThreshold,
            seed.NewThreshold,
            seed.OldEvaluationPeriods,
            seed.NewEvaluationPeriods,
            seed.Reason,
            seed.IncidentIds,
            BaselineStats.Empty,
            false,
            now - TimeSpan.FromMinutes(seed.DecidedMinutesAgo),
            null)
        {
            StartedBy = "scenario:seeded",
        };
    }

    private static T ParseEnum<T>(string value, string field)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new FormatException($"{field}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
}
