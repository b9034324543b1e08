using Amazon.DynamoDBv2.Model;
using Automation.Core.Incidents;

namespace Automation.Aws.Incidents;

/// <summary>
/// Maps a <see cref="CapacityModeSwitch"/> to its item under the switched table's partition. It
/// deliberately has no <c>tableName</c>/<c>openedAtId</c> attributes, so it stays out of the ByTable index.
/// </summary>
internal static class ModeSwitchItem
{
    public const string EntityType = "CapacityModeSwitch";

    public static Dictionary<string, AttributeValue> ToItem(CapacityModeSwitch modeSwitch, TimeSpan retention) =>
        new ItemWriter()
            .S(IncidentTableSchema.PartitionKey, IncidentTableSchema.TablePk(modeSwitch.TableName))
            .S(IncidentTableSchema.SortKey, IncidentTableSchema.ModeSwitchSk(modeSwitch.Change, modeSwitch.SwitchedAt, modeSwitch.IncidentId))
            .S("entityType", EntityType)
            .S("switchedTable", modeSwitch.TableName)
            .Time("switchedAt", modeSwitch.SwitchedAt)
            .Enum("change", (CapacityModeChange?)modeSwitch.Change)
            .S("incidentId", modeSwitch.IncidentId)
            .N(IncidentTableSchema.ExpiresAtAttribute, TimelineItem.ExpiresAt(modeSwitch.SwitchedAt, retention))
            .Item;

    public static CapacityModeSwitch FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new ItemReader(item);
        return new CapacityModeSwitch(r.S("switchedTable"), r.Time("switchedAt"), r.Enum<CapacityModeChange>("change"), r.S("incidentId"));
    }
}
