using System.Globalization;
using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Planning;

namespace Automation.Core.Verification;

/// <summary>
/// Decides whether an applied plan mitigated the throttling. Pure.
/// <list type="number">
/// <item>Before: the diagnosed resource's throttle events in the diagnosis window, from the diagnosis evidence.
/// The family compared is the per-reason events (…ProvisionedThroughput…, …KeyRange…, …MaxOnDemand…,
/// …AccountLimit…ThrottleEvents) when the diagnosis saw any, else the legacy Read/WriteThrottleEvents, else
/// ThrottledRequests; the same family is counted after.</item>
/// <item>After: the same resource and family in the verify series, counting only complete periods that start at or
/// after <c>appliedAt</c> (a period that straddles the change would mix before and after). CloudWatch omits empty
/// periods, so the window length comes from the period grid, not the datapoints.</item>
/// <item>Rule: <see cref="VerificationThresholds"/>. No complete period after the change →
/// <see cref="MitigationOutcome.TooEarly"/>. A sharding plan that is not yet mitigated →
/// <see cref="MitigationOutcome.PendingApplicationAdoption"/>.</item>
/// </list>
/// </summary>
public static class MitigationVerifier
{
    private static readonly DynamoDbMetric[] ReasonMetrics =
    [
        DynamoDbMetric.ReadProvisionedThroughputThrottleEvents, DynamoDbMetric.WriteProvisionedThroughputThrottleEvents,
        DynamoDbMetric.ReadKeyRangeThroughputThrottleEvents, DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents,
        DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents, DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents,
        DynamoDbMetric.ReadAccountLimitThrottleEvents, DynamoDbMetric.WriteAccountLimitThrottleEvents,
    ];

    private static readonly DynamoDbMetric[] LegacyMetrics = [DynamoDbMetric.ReadThrottleEvents, DynamoDbMetric.WriteThrottleEvents];

    private static readonly DynamoDbMetric[] RequestMetrics = [DynamoDbMetric.ThrottledRequests];

    private const string ReasonFamily = "ThrottleEventsByReason";
    private const string LegacyFamily = "ThrottleEvents";
    private const string RequestFamily = "ThrottledRequests";

    public static MitigationVerification Verify(
        Diagnosis.ThrottleDiagnosis diagnosis,
        RemediationPlan plan,
        IReadOnlyList<MetricSeries> afterSeries,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        int periodSeconds,
        DateTimeOffset appliedAt,
        VerificationThresholds? thresholds = null)
    {
        Require(diagnosis is not null, "diagnosis", "is required (Diagnose's output)");
        Require(plan is not null, "plan", "is required (Plan's output)");
        Require(afterSeries is not null, "metricDataResults", "are required");
        Require(periodSeconds > 0, "queries.periodSeconds", "must be > 0");
        Require(windowEnd > windowStart, "queries.endTime", "must be after startTime");
        Require(string.Equals(diagnosis!.TableName, plan!.TableName, StringComparison.Ordinal), "plan.tableName",
            $"is '{plan.TableName}' but the diagnosis is about '{diagnosis.TableName}'");
        VerificationThresholds rule = thresholds ?? VerificationThresholds.Default;
        string? index = diagnosis.IndexName;

        (string family, DynamoDbMetric[] metrics, double beforeTotal) = BeforeFamily(diagnosis, index);
        double beforeMinutes = Math.Max(1.0 / 60, (diagnosis.WindowEnd - diagnosis.WindowStart).TotalMinutes);
        var before = new ThrottleRate(family, beforeTotal, beforeMinutes, beforeTotal / beforeMinutes, diagnosis.WindowStart, diagnosis.WindowEnd);

        DateTimeOffset afterStart = FirstCompletePeriodStart(windowStart, periodSeconds, appliedAt);
        long periods = afterStart >= windowEnd ? 0 : (long)((windowEnd - afterStart).TotalSeconds / periodSeconds);
        DateTimeOffset afterEnd = afterStart.AddSeconds(periods * (double)periodSeconds);
        double afterTotal = 0;
        foreach (MetricSeries series in afterSeries!)
        {
            if (!string.Equals(series.IndexName, index, StringComparison.Ordinal) || Array.IndexOf(metrics, series.Metric) < 0)
            {
                continue;
            }

            foreach (MetricDatapoint point in series.Datapoints)
            {
                if (point.Timestamp >= afterStart && point.Timestamp < afterEnd)
                {
                    afterTotal += point.Value;
                }
            }
        }

        double afterMinutes = periods * periodSeconds / 60.0;
        var after = new ThrottleRate(family, afterTotal, afterMinutes, afterMinutes > 0 ? afterTotal / afterMinutes : 0, afterStart, afterEnd);

        MitigationOutcome outcome = periods == 0
            ? MitigationOutcome.TooEarly
            : IsMitigated(before.EventsPerMinute, after.EventsPerMinute, rule)
                ? MitigationOutcome.Mitigated
                : plan.Action == RemediationKind.ShardHotKey ? MitigationOutcome.PendingApplicationAdoption : MitigationOutcome.NotMitigated;

        string resource = index is null ? $"table '{diagnosis.TableName}'" : $"index '{index}' of table '{diagnosis.TableName}'";
        string summary = outcome switch
        {
            MitigationOutcome.Mitigated => Text($"Mitigated: {resource} throttled {after.EventsPerMinute:0.##} {family}/min over {afterMinutes:0.#} min after the change, against {before.EventsPerMinute:0.##}/min before."),
            MitigationOutcome.TooEarly => Text($"Not verified yet: no complete {periodSeconds}-second period after the change at {appliedAt:u} in the window ending {windowEnd:u}; verify again later."),
            MitigationOutcome.PendingApplicationAdoption => Text($"Not mitigated yet (pending application adoption): {resource} still throttles {after.EventsPerMinute:0.##} {family}/min (before {before.EventsPerMinute:0.##}/min); writers spread the hot keys only once they refresh the shard registry."),
            _ => Text($"Not mitigated: {resource} still throttles {after.EventsPerMinute:0.##} {family}/min over {afterMinutes:0.#} min after the change, against {before.EventsPerMinute:0.##}/min before."),
        };
        return new MitigationVerification(outcome, outcome == MitigationOutcome.Mitigated, diagnosis.TableName, index, before, after, rule, summary);
    }

    /// <summary>The rule of <see cref="VerificationThresholds"/>.</summary>
    public static bool IsMitigated(double beforePerMinute, double afterPerMinute, VerificationThresholds rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return afterPerMinute <= rule.NoiseFloorPerMinute
            || (afterPerMinute <= rule.RelativeLimit * beforePerMinute && afterPerMinute <= rule.AbsoluteCeilingPerMinute);
    }

    private static (string Family, DynamoDbMetric[] Metrics, double Total) BeforeFamily(Diagnosis.ThrottleDiagnosis diagnosis, string? index)
    {
        double reason = Total(diagnosis, index, ReasonMetrics);
        if (reason > 0)
        {
            return (ReasonFamily, ReasonMetrics, reason);
        }

        double legacy = Total(diagnosis, index, LegacyMetrics);
        return legacy > 0 ? (LegacyFamily, LegacyMetrics, legacy) : (RequestFamily, RequestMetrics, Total(diagnosis, index, RequestMetrics));
    }

    private static double Total(Diagnosis.ThrottleDiagnosis diagnosis, string? index, DynamoDbMetric[] metrics)
    {
        double total = 0;
        foreach (Evidence evidence in diagnosis.Evidence ?? [])
        {
            if (evidence.Measure == EvidenceMeasure.WindowTotal
                && string.Equals(evidence.IndexName, index, StringComparison.Ordinal)
                && Enum.TryParse(evidence.Metric, out DynamoDbMetric metric)
                && Array.IndexOf(metrics, metric) >= 0)
            {
                total += evidence.Value;
            }
        }

        return total;
    }

    /// <summary>The start of the first period on the query grid that begins at or after <paramref name="appliedAt"/>.</summary>
    private static DateTimeOffset FirstCompletePeriodStart(DateTimeOffset gridStart, int periodSeconds, DateTimeOffset appliedAt)
    {
        if (appliedAt <= gridStart)
        {
            return gridStart;
        }

        double elapsed = (appliedAt - gridStart).TotalSeconds;
        return gridStart.AddSeconds(Math.Ceiling(elapsed / periodSeconds) * periodSeconds);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new AutomationException(ErrorTypes.InvalidInput, $"Invalid input: '{field}' {problem}.") { Field = field };
        }
    }
}
