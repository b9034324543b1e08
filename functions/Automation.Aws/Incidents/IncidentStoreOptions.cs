namespace Automation.Aws.Incidents;

/// <summary>
/// How the store uses its table.
/// </summary>
/// <param name="TableName">The incident table (INCIDENTS_TABLE).</param>
/// <param name="TimelineRetention">How long timeline and mode-switch items live before TTL deletes them; incident items are kept.</param>
/// <param name="QueryPageSize">Items per Query page, or null to let DynamoDB fill 1 MB pages.</param>
public sealed record IncidentStoreOptions(string TableName, TimeSpan TimelineRetention, int? QueryPageSize = null)
{
    public static readonly TimeSpan DefaultTimelineRetention = TimeSpan.FromDays(90);

    public static IncidentStoreOptions ForTable(string tableName) => new(tableName, DefaultTimelineRetention);
}
