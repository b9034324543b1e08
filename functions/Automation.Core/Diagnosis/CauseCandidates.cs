using Automation.Core.Facts;

namespace Automation.Core.Diagnosis;

/// <summary>
/// Turns per-resource signals into cause candidates. Reason-specific metrics map one to one
/// (AccountLimit → AccountLimitReached, MaxOnDemand → OnDemandMaximumReached, KeyRange → HotKey,
/// table Provisioned → ProvisionedCapacityExhausted, GSI write Provisioned → GsiWriteBackPressure,
/// GSI read Provisioned → ProvisionedCapacityExhausted on that GSI: a GSI short of read capacity only
/// throttles its own queries). Without reason metrics, legacy Read/WriteThrottleEvents (or, for the table,
/// ThrottledRequests) are attributed by utilisation: at capacity → capacity; below it → a hot key.
/// </summary>
internal static class CauseCandidates
{
    public static List<CauseCandidate> From(
        IReadOnlyList<ResourceThrottleSignals> signals,
        Func<string?, IReadOnlyList<HotKeyEvidence>> hotKeysOf,
        DiagnosisThresholds thresholds)
    {
        var byCause = new Dictionary<(DiagnosisKind, string), CauseCandidate>();
        void Add(CauseCandidate candidate)
        {
            var key = (candidate.Kind, candidate.IndexName ?? string.Empty);
            byCause[key] = byCause.TryGetValue(key, out CauseCandidate? existing) ? existing.Merge(candidate) : candidate;
        }

        ResourceThrottleSignals table = signals[0];
        foreach (ResourceThrottleSignals s in signals)
        {
            AddReasoned(s, table, hotKeysOf, thresholds, Add);
            if (!s.HasReasonMetrics)
            {
                AddInferred(s, hotKeysOf, thresholds, Add);
            }
        }

        var candidates = new List<CauseCandidate>(byCause.Values);
        candidates.Sort(static (a, b) =>
        {
            int c = b.Events.CompareTo(a.Events);
            if (c != 0)
            {
                return c;
            }

            c = a.Precedence.CompareTo(b.Precedence);
            if (c != 0)
            {
                return c;
            }

            // The table before its indexes, then indexes by name: deterministic output.
            return string.CompareOrdinal(a.IndexName ?? string.Empty, b.IndexName ?? string.Empty);
        });
        return candidates;
    }

    private static void AddReasoned(
        ResourceThrottleSignals s,
        ResourceThrottleSignals table,
        Func<string?, IReadOnlyList<HotKeyEvidence>> hotKeysOf,
        DiagnosisThresholds t,
        Action<CauseCandidate> add)
    {
        string? index = s.IndexName;
        if (s.ReadAccountLimit + s.WriteAccountLimit > 0)
        {
            add(new(DiagnosisKind.AccountLimitReached, index, s.ReadAccountLimit + s.WriteAccountLimit,
                CauseCandidate.From(s.ReadAccountLimit, s.WriteAccountLimit), Corroborated: true, Inferred: false));
        }

        if (s.ReadMaxOnDemand + s.WriteMaxOnDemand > 0)
        {
            add(new(DiagnosisKind.OnDemandMaximumReached, index, s.ReadMaxOnDemand + s.WriteMaxOnDemand,
                CauseCandidate.From(s.ReadMaxOnDemand, s.WriteMaxOnDemand), Corroborated: true, Inferred: false));
        }

        if (s.ReadKeyRange + s.WriteKeyRange > 0)
        {
            // A partition limit while the resource as a whole had room, or top keys that dominate, agree.
            bool roomLeft = !s.IsProvisioned
                || (s.ReadKeyRange > 0 && s.ReadUtilisation < t.NearCapacityRatio)
                || (s.WriteKeyRange > 0 && s.WriteUtilisation < t.NearCapacityRatio);
            add(new(DiagnosisKind.HotKey, index, s.ReadKeyRange + s.WriteKeyRange,
                CauseCandidate.From(s.ReadKeyRange, s.WriteKeyRange), Corroborated: roomLeft || hotKeysOf(index).Count > 0, Inferred: false));
        }

        if (index is null)
        {
            if (s.ReadProvisioned + s.WriteProvisioned > 0)
            {
                bool atCapacity = (s.ReadProvisioned > 0 && s.ReadUtilisation >= t.NearCapacityRatio)
                    || (s.WriteProvisioned > 0 && s.WriteUtilisation >= t.NearCapacityRatio);
                add(new(DiagnosisKind.ProvisionedCapacityExhausted, null, s.ReadProvisioned + s.WriteProvisioned,
                    CauseCandidate.From(s.ReadProvisioned, s.WriteProvisioned), atCapacity, Inferred: false));
            }

            return;
        }

        if (s.ReadProvisioned > 0)
        {
            add(new(DiagnosisKind.ProvisionedCapacityExhausted, index, s.ReadProvisioned, ThrottledOperations.Read,
                s.ReadUtilisation >= t.NearCapacityRatio, Inferred: false));
        }

        if (s.WriteProvisioned > 0)
        {
            add(new(DiagnosisKind.GsiWriteBackPressure, index, s.WriteProvisioned, ThrottledOperations.Write,
                table.ThrottledRequests > 0 || s.WriteUtilisation >= t.NearCapacityRatio, Inferred: false));
        }
    }

    private static void AddInferred(
        ResourceThrottleSignals s,
        Func<string?, IReadOnlyList<HotKeyEvidence>> hotKeysOf,
        DiagnosisThresholds t,
        Action<CauseCandidate> add)
    {
        string? index = s.IndexName;
        bool hasKeys = hotKeysOf(index).Count > 0;
        if (s.ReadLegacy > 0)
        {
            add(s.IsProvisioned && s.ReadUtilisation >= t.NearCapacityRatio
                ? new(DiagnosisKind.ProvisionedCapacityExhausted, index, s.ReadLegacy, ThrottledOperations.Read, true, true)
                : new(DiagnosisKind.HotKey, index, s.ReadLegacy, ThrottledOperations.Read, hasKeys, true));
        }

        if (s.WriteLegacy > 0)
        {
            DiagnosisKind capacityKind = index is null ? DiagnosisKind.ProvisionedCapacityExhausted : DiagnosisKind.GsiWriteBackPressure;
            add(s.IsProvisioned && s.WriteUtilisation >= t.NearCapacityRatio
                ? new(capacityKind, index, s.WriteLegacy, ThrottledOperations.Write, true, true)
                : new(DiagnosisKind.HotKey, index, s.WriteLegacy, ThrottledOperations.Write, hasKeys, true));
        }

        // Only ThrottledRequests on the table: the direction is unknown, so it needs utilisation or top keys.
        if (index is null && !s.HasLegacyMetrics && s.ThrottledRequests > 0)
        {
            bool readFull = s.IsProvisioned && s.ReadUtilisation >= t.NearCapacityRatio;
            bool writeFull = s.IsProvisioned && s.WriteUtilisation >= t.NearCapacityRatio;
            if (readFull || writeFull)
            {
                add(new(DiagnosisKind.ProvisionedCapacityExhausted, null, s.ThrottledRequests,
                    CauseCandidate.From(readFull ? 1 : 0, writeFull ? 1 : 0), true, true));
            }
            else if (hasKeys)
            {
                add(new(DiagnosisKind.HotKey, null, s.ThrottledRequests, ThrottledOperations.ReadAndWrite, true, true));
            }
        }
    }
}
