using Automation.Core.Facts;

namespace Automation.Core.Diagnosis;

/// <summary>
/// Classifies why a table throttles. Pure: the same facts always give the same diagnosis.
/// <para>Order of decisions:</para>
/// <list type="number">
/// <item>No throttle metric fetched for the table → <see cref="DiagnosisKind.InsufficientData"/>.</item>
/// <item>No throttle event anywhere (table and GSIs, every metric) → <see cref="DiagnosisKind.NotThrottling"/>.</item>
/// <item>Otherwise each throttle event is attributed to a cause (see <c>CauseCandidates</c>); the cause with the
/// most events wins. Ties go to the cause no capacity change can fix: AccountLimitReached, then
/// OnDemandMaximumReached, then HotKey, then GsiWriteBackPressure, then ProvisionedCapacityExhausted; the table
/// before its indexes. So hot-key evidence beats table capacity when KeyRange events are at least as many as
/// provisioned-capacity events. Other causes are listed in <see cref="ThrottleDiagnosis.AlsoObserved"/>.</item>
/// <item>Throttling seen but attributable to no cause → <see cref="DiagnosisKind.InsufficientData"/>.</item>
/// </list>
/// </summary>
public static class ThrottleDiagnoser
{
    /// <summary>Diagnoses with <see cref="DiagnosisThresholds.Default"/>.</summary>
    public static ThrottleDiagnosis Diagnose(ThrottlingFacts facts) => Diagnose(facts, DiagnosisThresholds.Default);

    /// <summary>Diagnoses; throws <see cref="Errors.AutomationException"/> (InvalidInput) on malformed facts.</summary>
    public static ThrottleDiagnosis Diagnose(ThrottlingFacts facts, DiagnosisThresholds thresholds)
    {
        ThrottlingFactsValidator.Validate(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var metrics = new MetricLookup(facts.Metrics);
        IReadOnlyList<ResourceThrottleSignals> signals = ThrottleSignalReader.Read(facts, metrics);
        ResourceThrottleSignals table = signals[0];

        if (!table.HasThrottleMetrics)
        {
            return Inconclusive(facts, "no throttle metric (ThrottledRequests or a per-reason metric) was fetched for the table");
        }

        double anyThrottling = 0;
        foreach (ResourceThrottleSignals s in signals)
        {
            anyThrottling += s.AnyThrottling;
        }

        if (anyThrottling == 0)
        {
            return NotThrottling(facts, metrics, signals);
        }

        var hotKeys = new Dictionary<string, IReadOnlyList<HotKeyEvidence>>(StringComparer.Ordinal);
        IReadOnlyList<HotKeyEvidence> HotKeysOf(string? index)
        {
            string key = index ?? string.Empty;
            if (!hotKeys.TryGetValue(key, out IReadOnlyList<HotKeyEvidence>? found))
            {
                found = HotKeyFinder.Find(facts, index, thresholds);
                hotKeys[key] = found;
            }

            return found;
        }

        List<CauseCandidate> candidates = CauseCandidates.From(signals, HotKeysOf, thresholds);
        if (candidates.Count == 0)
        {
            return Inconclusive(facts, "throttling was recorded but no reason metric attributes it, and utilisation and top keys do not point at a cause");
        }

        CauseCandidate winner = candidates[0];
        double total = 0;
        var also = new List<DiagnosisKind>();
        foreach (CauseCandidate candidate in candidates)
        {
            total += candidate.Events;
            if (candidate.Kind != winner.Kind && !also.Contains(candidate.Kind))
            {
                also.Add(candidate.Kind);
            }
        }

        ResourceThrottleSignals resource = Find(signals, winner.IndexName);
        IReadOnlyList<HotKeyEvidence> keys = HotKeysOf(winner.IndexName);
        return new ThrottleDiagnosis(
            winner.Kind,
            facts.Table.TableName,
            winner.IndexName,
            winner.Operations,
            ConfidenceOf(winner, winner.Events / total, thresholds),
            DiagnosisExplainer.Explain(winner.Kind, facts, winner.IndexName, winner.Operations, winner.Events, resource, keys),
            EvidenceCollector.Collect(facts, resource, table),
            keys,
            also,
            facts.WindowStart,
            facts.WindowEnd);
    }

    private static Confidence ConfidenceOf(CauseCandidate winner, double share, DiagnosisThresholds t)
    {
        if (winner.Inferred)
        {
            return winner.Corroborated ? Confidence.Medium : Confidence.Low;
        }

        if (share >= t.HighConfidenceShare && winner.Corroborated)
        {
            return Confidence.High;
        }

        return share >= t.MediumConfidenceShare ? Confidence.Medium : Confidence.Low;
    }

    private static ThrottleDiagnosis NotThrottling(ThrottlingFacts facts, MetricLookup metrics, IReadOnlyList<ResourceThrottleSignals> signals)
    {
        // Sure when the table reported traffic in the window; less so when CloudWatch returned nothing at all.
        Confidence confidence = metrics.HasAnyDatapoint() ? Confidence.High : Confidence.Medium;
        ResourceThrottleSignals table = signals[0];
        return new ThrottleDiagnosis(
            DiagnosisKind.NotThrottling,
            facts.Table.TableName,
            null,
            ThrottledOperations.None,
            confidence,
            DiagnosisExplainer.Explain(DiagnosisKind.NotThrottling, facts, null, ThrottledOperations.None, 0, table, []),
            EvidenceCollector.Collect(facts, table, table),
            [],
            [],
            facts.WindowStart,
            facts.WindowEnd);
    }

    private static ThrottleDiagnosis Inconclusive(ThrottlingFacts facts, string why) => new(
        DiagnosisKind.InsufficientData,
        facts.Table.TableName,
        null,
        ThrottledOperations.None,
        Confidence.Low,
        DiagnosisExplainer.InsufficientData(facts, why),
        [],
        [],
        [],
        facts.WindowStart,
        facts.WindowEnd);

    private static ResourceThrottleSignals Find(IReadOnlyList<ResourceThrottleSignals> signals, string? indexName)
    {
        foreach (ResourceThrottleSignals s in signals)
        {
            if (string.Equals(s.IndexName, indexName, StringComparison.Ordinal))
            {
                return s;
            }
        }

        return signals[0];
    }
}
