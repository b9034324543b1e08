using Automation.Core.Segments;

namespace Automation.Core.Access;

/// <summary>
/// The body of a break-glass request (<c>POST /requests</c>) the on-call can send as it is: read access to exactly the
/// hot keys of an incident, for the incident. The throttling workflow cannot ask in anyone's name (requests are made by
/// a verified caller), so it prepares the request instead: the same request path, checked here against the same
/// criteria (<see cref="AccessCriteria.Check"/>) except who asks, which the API checks when the on-call sends it.
/// </summary>
/// <param name="Segment">The hot keys' segment.</param>
/// <param name="Indexes">The index the keys are of, when they are an index's keys.</param>
/// <param name="Actions">Read actions the segment allows on them (Query, and GetItem on the table's own keys).</param>
/// <param name="LeadingKeys">The hot partition keys.</param>
/// <param name="DurationMinutes">30 minutes, or the segment's maximum when shorter.</param>
/// <param name="Reason">Filled in: the incident and its keys.</param>
/// <param name="IncidentId">The incident.</param>
public sealed record AccessRequestDraft(
    string Segment, IReadOnlyList<string> Indexes, IReadOnlyList<string> Actions, IReadOnlyList<string> LeadingKeys, int DurationMinutes, string Reason, string IncidentId);

/// <summary>Prepares <see cref="AccessRequestDraft"/>s for an incident's hot keys (pure).</summary>
public static class ReadyAccessRequests
{
    /// <summary>The duration asked for when the segment allows it.</summary>
    public const int DefaultDurationMinutes = 30;

    /// <summary>Most drafts per incident.</summary>
    public const int MaxDrafts = 3;

    // Stands in for the verified caller while the rest of the criteria are checked; the API checks the real one.
    private const string AnyRequester = "arn:aws:iam::000000000000:user/on-call";

    /// <summary>One draft per segment the hot keys of <paramref name="table"/> (or its <paramref name="index"/>) fall in, when that segment grants access and the draft passes its criteria.</summary>
    public static IReadOnlyList<AccessRequestDraft> ForHotKeys(SegmentCatalog catalog, string table, string? index, IEnumerable<string> hotKeys, string incidentId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(hotKeys);
        List<AccessRequestDraft> drafts = [];
        foreach (IGrouping<SegmentDefinition?, string> group in hotKeys.Distinct(StringComparer.Ordinal).GroupBy(k => catalog.SegmentFor(table, index, k)))
        {
            if (group.Key is not { Access: { } scope } segment || drafts.Count >= MaxDrafts)
            {
                continue;
            }

            AccessAction[] wanted = index is null ? [AccessAction.GetItem, AccessAction.Query] : [AccessAction.Query];
            string[] actions = [.. wanted.Where(scope.Actions.Contains).Select(AccessActions.IamName)];
            if (actions.Length == 0)
            {
                continue;
            }

            string[] keys = [.. group.Order(StringComparer.Ordinal)];
            var draft = new AccessRequestDraft(segment.Name, index is null ? [] : [index], actions, keys,
                Math.Min(DefaultDurationMinutes, scope.MaxDurationMinutes),
                $"{incidentId}: read the hot key(s) {string.Join(", ", keys)} of {table}{(index is null ? string.Empty : "/" + index)}", incidentId);
            var request = new AccessRequest(AnyRequester, draft.Segment, draft.Indexes, draft.Actions, draft.LeadingKeys, [], [], draft.DurationMinutes,
                draft.Reason, draft.IncidentId, null, false);
            bool passes = AccessCriteria.Check(request, catalog)
                .All(r => r.Rule is AccessRules.RequesterInvalid or AccessRules.RequesterNotAllowed);
            if (passes)
            {
                drafts.Add(draft);
            }
        }

        return drafts;
    }
}
