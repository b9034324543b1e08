using Automation.Core.Errors;
using Automation.Core.Segments;

namespace Automation.Core.Queries;

/// <summary>
/// A query-runbook start input ready to paste into the console: the template, its parameters and the incident.
/// </summary>
/// <param name="Template">The template to run.</param>
/// <param name="Parameters">The parameters, the hot key bound to the template's partition-key parameter.</param>
/// <param name="Reason">Why (filled in: the hot key of the incident).</param>
/// <param name="IncidentId">The incident the run will be recorded on.</param>
public sealed record QueryRunbookInput(string Template, IReadOnlyDictionary<string, string> Parameters, string Reason, string IncidentId);

/// <summary>
/// From alarm to data in one step (pure): for each hot key of a diagnosis, the query runbooks that read exactly that
/// key — templates of the key's segment (the most specific segment covering table, index and key; then the segments
/// it refines) that read the same table or index with the hot key's attribute as their partition key, and whose other
/// required parameters all have defaults. Each suggestion is planned here, so it passes the same checks the run will.
/// </summary>
public static class ReadyQueries
{
    /// <summary>Most suggestions per incident (several hot keys × templates would otherwise crowd the record).</summary>
    public const int MaxSuggestions = 5;

    /// <summary>The ready-to-run inputs for <paramref name="hotKeys"/> of <paramref name="table"/> (or its <paramref name="index"/>).</summary>
    public static IReadOnlyList<QueryRunbookInput> ForHotKeys(
        SegmentCatalog catalog, string table, string? index, IEnumerable<string> hotKeys, string incidentId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(hotKeys);
        List<QueryRunbookInput> ready = [];
        foreach (string key in hotKeys.Distinct(StringComparer.Ordinal))
        {
            foreach (SegmentDefinition segment in CoveringSegments(catalog, table, index, key))
            {
                var found = segment.Queries.Select(t => Suggest(t, segment, index, key, incidentId)).OfType<QueryRunbookInput>().ToList();
                if (found.Count > 0)
                {
                    ready.AddRange(found);
                    break;
                }
            }

            if (ready.Count >= MaxSuggestions)
            {
                break;
            }
        }

        return [.. ready.Take(MaxSuggestions)];
    }

    private static IEnumerable<SegmentDefinition> CoveringSegments(SegmentCatalog catalog, string table, string? index, string key)
    {
        // The key's own segment first, then broader ones of the same table, most specific first.
        return catalog.Segments
            .Where(s => string.Equals(s.Covers.Table, table, StringComparison.Ordinal)
                && (s.Covers.Index is null || string.Equals(s.Covers.Index, index, StringComparison.Ordinal))
                && (s.Covers.KeyPrefix is null || key.StartsWith(s.Covers.KeyPrefix, StringComparison.Ordinal)))
            .OrderByDescending(s => s.Covers.Specificity)
            .ThenByDescending(s => s.Covers.KeyPrefix?.Length ?? 0);
    }

    private static QueryRunbookInput? Suggest(QueryTemplate template, SegmentDefinition segment, string? index, string key, string incidentId)
    {
        if (template.Operation != QueryOperation.Query
            || !string.Equals(template.Index, index, StringComparison.Ordinal)
            || template.PartitionKeyParameter is not { } keyParameter)
        {
            return null;
        }

        // The template's partition-key parameter must feed the read's own partition key.
        KeySchema? keys = segment.Schema.KeysOf(index);
        if (keys is null || keys.PartitionKey.Type != KeyAttributeType.S)
        {
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [keyParameter] = key };
        if (template.Parameters.Any(p => p.Required && p.Default is null && !parameters.ContainsKey(p.Name)))
        {
            return null;
        }

        try
        {
            QueryPlanner.Plan(template, segment, parameters.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal));
        }
        catch (AutomationException)
        {
            return null; // e.g. the key fails the parameter's pattern: not this template's kind of key
        }

        string where = index is null ? segment.Covers.Table : $"{segment.Covers.Table} index {index}";
        return new QueryRunbookInput(template.Name, parameters, $"Hot key {key} on {where}: read its items.", incidentId);
    }
}
