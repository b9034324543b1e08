using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Core.Incidents;

namespace Automation.Aws.Incidents;

/// <summary>
/// The incident table's single-table design. One table holds three kinds of item:
/// <list type="table">
/// <item><term>incident</term><description>pk <c>INCIDENT#&lt;id&gt;</c>, sk <c>INCIDENT</c>; the only items
/// carrying <see cref="TableNameAttribute"/> and <see cref="OpenedAtIdAttribute"/>, so the
/// <see cref="ByTableIndex"/> GSI lists incidents only, by table and open time.</description></item>
/// <item><term>timeline entry</term><description>pk <c>INCIDENT#&lt;id&gt;</c>, sk <c>TIMELINE#&lt;startedAt&gt;#&lt;step&gt;</c>;
/// expires through <see cref="ExpiresAtAttribute"/> (TTL).</description></item>
/// <item><term>mode switch</term><description>pk <c>TABLE#&lt;table&gt;</c>, sk <c>MODESWITCH#&lt;change&gt;#&lt;at&gt;#&lt;incidentId&gt;</c>;
/// the switch history the planner needs, also expiring by TTL.</description></item>
/// </list>
/// template.yaml declares the same schema (keep them in step).
/// </summary>
public static class IncidentTableSchema
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string ByTableIndex = "ByTable";
    public const string TableNameAttribute = "tableName";
    public const string OpenedAtIdAttribute = "openedAtId";
    public const string ExpiresAtAttribute = "expiresAt";

    public const string IncidentSortKey = "INCIDENT";
    private const string IncidentPrefix = "INCIDENT#";
    private const string TimelinePrefix = "TIMELINE#";
    private const string TablePrefix = "TABLE#";
    private const string ModeSwitchPrefix = "MODESWITCH#";

    public static string IncidentPk(string incidentId) => IncidentPrefix + incidentId;

    public static string TimelineSkPrefix => TimelinePrefix;

    /// <summary>Fixed-width UTC time first, so sort order is time order; the step name breaks ties.</summary>
    public static string TimelineSk(DateTimeOffset startedAt, string step) =>
        TimelinePrefix + IncidentTimestamps.ToSortable(startedAt) + "#" + step;

    /// <summary>The GSI sort key: open time, then the id so two incidents opened in the same millisecond stay distinct.</summary>
    public static string OpenedAtId(DateTimeOffset openedAt, string incidentId) =>
        IncidentTimestamps.ToSortable(openedAt) + "#" + incidentId;

    public static string TablePk(string tableName) => TablePrefix + tableName;

    public static string ModeSwitchSkPrefix(CapacityModeChange change) => ModeSwitchPrefix + change + "#";

    public static string ModeSwitchSk(CapacityModeChange change, DateTimeOffset switchedAt, string incidentId) =>
        ModeSwitchSkPrefix(change) + IncidentTimestamps.ToSortable(switchedAt) + "#" + incidentId;

    /// <summary>The table as CreateTable needs it (the local cloud and the tests create it this way).</summary>
    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(SortKey, ScalarAttributeType.S),
            new AttributeDefinition(TableNameAttribute, ScalarAttributeType.S),
            new AttributeDefinition(OpenedAtIdAttribute, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(PartitionKey, KeyType.HASH),
            new KeySchemaElement(SortKey, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = ByTableIndex,
                KeySchema =
                [
                    new KeySchemaElement(TableNameAttribute, KeyType.HASH),
                    new KeySchemaElement(OpenedAtIdAttribute, KeyType.RANGE),
                ],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
        SSESpecification = new SSESpecification { Enabled = true },
    };

    /// <summary>TTL is set after creation (UpdateTimeToLive), as CloudFormation does.</summary>
    public static UpdateTimeToLiveRequest TimeToLiveRequest(string tableName) => new()
    {
        TableName = tableName,
        TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ExpiresAtAttribute, Enabled = true },
    };
}
