using Amazon.DynamoDBv2.Model;
using Automation.Core.Incidents;

namespace Automation.Aws.Incidents;

/// <summary>Maps a <see cref="TimelineEntry"/> to its item (under the incident's partition) and back.</summary>
internal static class TimelineItem
{
    public const string EntityType = "TimelineEntry";

    public static Dictionary<string, AttributeValue> ToItem(string incidentId, TimelineEntry entry, TimeSpan retention) =>
        new ItemWriter()
            .S(IncidentTableSchema.PartitionKey, IncidentTableSchema.IncidentPk(incidentId))
            .S(IncidentTableSchema.SortKey, IncidentTableSchema.TimelineSk(entry.StartedAt, entry.Step))
            .S("entityType", EntityType)
            .S("incidentId", incidentId)
            .S("step", entry.Step)
            .Time("startedAt", entry.StartedAt)
            .N("durationMs", entry.DurationMs)
            .Bool("ok", entry.Ok)
            .S("inputSummary", entry.InputSummary)
            .S("result", entry.ResultJson)
            .S("error", entry.Error)
            .S("cause", entry.Cause)
            .N(IncidentTableSchema.ExpiresAtAttribute, ExpiresAt(entry.StartedAt, retention))
            .Item;

    public static TimelineEntry FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new ItemReader(item);
        return new TimelineEntry(
            r.S("step"),
            r.Time("startedAt"),
            r.N("durationMs"),
            r.OptBool("ok") ?? false,
            r.OptS("inputSummary"),
            r.OptS("result"),
            r.OptS("error"),
            r.OptS("cause"));
    }

    /// <summary>TTL wants epoch seconds. Derived from the entry, not the clock, so a rewrite is identical.</summary>
    public static long ExpiresAt(DateTimeOffset from, TimeSpan retention) => (from + retention).ToUnixTimeSeconds();
}
