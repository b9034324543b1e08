using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws;
using Automation.Core.Errors;
using Automation.Core.Incidents;

namespace Automation.Aws.Incidents;

/// <summary>
/// <see cref="IIncidentStore"/> on one DynamoDB table (schema: <see cref="IncidentTableSchema"/>).
/// Every write is conditional:
/// opening is a put that never overwrites (the loser gets the existing incident back);
/// updates are full puts guarded by the version and status that were read (optimistic lock);
/// timeline and mode-switch items are put only if absent, so a retried append is a no-op.
/// </summary>
public sealed class DynamoDbIncidentStore : IIncidentStore
{
    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly IncidentStoreOptions _options;

    public DynamoDbIncidentStore(IAmazonDynamoDB dynamoDb, IncidentStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TableName);
        if (options.TimelineRetention < TimeSpan.FromDays(1))
        {
            // Mode-switch items share this retention and must outlive the 24-hour window they serve.
            throw new ArgumentOutOfRangeException(nameof(options), options.TimelineRetention, "Timeline retention must be at least one day.");
        }

        _dynamoDb = dynamoDb;
        _options = options;
    }

    private string Table => _options.TableName;

    public async Task<IncidentOpening> OpenAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var request = new PutItemRequest
        {
            TableName = Table,
            Item = IncidentItem.ToItem(incident),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = IncidentTableSchema.PartitionKey },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            await Guard("PutItem (open incident)", () => _dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new IncidentOpening(incident, Created: true);
        }
        catch (ConditionalCheckFailedException e)
        {
            // Same trigger seen before: the stored incident wins.
            var existing = e.Item is { Count: > 0 } old
                ? IncidentItem.FromItem(old)
                : await GetAsync(incident.IncidentId, cancellationToken).ConfigureAwait(false)
                  ?? throw new AutomationException(ErrorTypes.ConcurrentModification, $"Incident {incident.IncidentId} existed at open but not on re-read.", e);
            return new IncidentOpening(existing, Created: false);
        }
    }

    public async Task<Incident?> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = Table,
            Key = IncidentKey(incidentId),
            ConsistentRead = true,
        };
        var response = await Guard("GetItem (incident)", () => _dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? IncidentItem.FromItem(item) : null;
    }

    public async Task<IncidentUpdate> UpdateAsync(string incidentId, Func<Incident, Incident> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = await GetAsync(incidentId, cancellationToken).ConfigureAwait(false)
            ?? throw InputError.Field("incidentId", $"names no incident: '{incidentId}' is not in table '{Table}'");
        var next = change(current);
        if (next == current)
        {
            return new IncidentUpdate(current, Changed: false);
        }

        if (next.IncidentId != current.IncidentId || next.Trigger != current.Trigger)
        {
            throw new InvalidOperationException("An incident change may not alter the incident's id or trigger.");
        }

        next = next with { Version = current.Version + 1 };
        var request = new PutItemRequest
        {
            TableName = Table,
            Item = IncidentItem.ToItem(next),
            // The status check makes the transition itself conditional, not only the version.
            ConditionExpression = "#version = :expectedVersion AND #status = :expectedStatus",
            ExpressionAttributeNames = new()
            {
                ["#version"] = IncidentItem.Version,
                ["#status"] = IncidentItem.Status,
            },
            ExpressionAttributeValues = new()
            {
                [":expectedVersion"] = new AttributeValue { N = current.Version.ToString(CultureInfo.InvariantCulture) },
                [":expectedStatus"] = new AttributeValue { S = current.Status.ToString() },
            },
        };
        try
        {
            await Guard("PutItem (update incident)", () => _dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw new AutomationException(
                ErrorTypes.ConcurrentModification,
                $"Incident {incidentId} was changed by another writer while this step updated it (it read version {current.Version}, status {current.Status}); a retry re-applies the change to the new state.",
                e);
        }

        return new IncidentUpdate(next, Changed: true);
    }

    public Task<bool> AppendTimelineAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return PutIfAbsentAsync("PutItem (timeline entry)", TimelineItem.ToItem(incidentId, entry, _options.TimelineRetention), cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = Table,
            ConsistentRead = true,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = IncidentTableSchema.PartitionKey, ["#sk"] = IncidentTableSchema.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue { S = IncidentTableSchema.IncidentPk(incidentId) },
                [":prefix"] = new AttributeValue { S = IncidentTableSchema.TimelineSkPrefix },
            },
        };
        var entries = new List<TimelineEntry>();
        await foreach (var item in QueryAllAsync("Query (timeline)", request, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(TimelineItem.FromItem(item));
        }

        return entries;
    }

    public async IAsyncEnumerable<Incident> ListByTableAsync(
        string tableName, DateTimeOffset openedFrom, DateTimeOffset openedBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (openedFrom >= openedBefore)
        {
            yield break;
        }

        // Sort keys are "<openedAt>#<id>": every key of an incident opened at or after `from` sorts
        // after the bare "<from>", and every key opened at `before` or later after "<before>".
        var request = new QueryRequest
        {
            TableName = Table,
            IndexName = IncidentTableSchema.ByTableIndex,
            KeyConditionExpression = "#table = :table AND #opened BETWEEN :from AND :before",
            ExpressionAttributeNames = new()
            {
                ["#table"] = IncidentTableSchema.TableNameAttribute,
                ["#opened"] = IncidentTableSchema.OpenedAtIdAttribute,
            },
            ExpressionAttributeValues = new()
            {
                [":table"] = new AttributeValue { S = tableName },
                [":from"] = new AttributeValue { S = IncidentTimestamps.ToSortable(openedFrom) },
                [":before"] = new AttributeValue { S = IncidentTimestamps.ToSortable(openedBefore) },
            },
        };
        await foreach (var item in QueryAllAsync("Query (incidents by table)", request, cancellationToken).ConfigureAwait(false))
        {
            yield return IncidentItem.FromItem(item);
        }
    }

    public Task<bool> RecordModeSwitchAsync(CapacityModeSwitch modeSwitch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(modeSwitch);
        return PutIfAbsentAsync("PutItem (mode switch)", ModeSwitchItem.ToItem(modeSwitch, _options.TimelineRetention), cancellationToken);
    }

    public async Task<IReadOnlyList<CapacityModeSwitch>> ModeSwitchesAsync(
        string tableName, CapacityModeChange change, DateTimeOffset switchedFrom, DateTimeOffset switchedBefore, CancellationToken cancellationToken)
    {
        if (switchedFrom >= switchedBefore)
        {
            return [];
        }

        var prefix = IncidentTableSchema.ModeSwitchSkPrefix(change);
        var request = new QueryRequest
        {
            TableName = Table,
            ConsistentRead = true,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :before",
            ExpressionAttributeNames = new() { ["#pk"] = IncidentTableSchema.PartitionKey, ["#sk"] = IncidentTableSchema.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue { S = IncidentTableSchema.TablePk(tableName) },
                [":from"] = new AttributeValue { S = prefix + IncidentTimestamps.ToSortable(switchedFrom) },
                [":before"] = new AttributeValue { S = prefix + IncidentTimestamps.ToSortable(switchedBefore) },
            },
        };
        var switches = new List<CapacityModeSwitch>();
        await foreach (var item in QueryAllAsync("Query (mode switches)", request, cancellationToken).ConfigureAwait(false))
        {
            switches.Add(ModeSwitchItem.FromItem(item));
        }

        return switches;
    }

    /// <summary>Every item of a query, page by page (a page stops at 1 MB or the configured size).</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAllAsync(
        string operation, QueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        request.Limit = _options.QueryPageSize;
        do
        {
            var page = await Guard(operation, () => _dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                yield return item;
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);
    }

    private async Task<bool> PutIfAbsentAsync(string operation, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = Table,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = IncidentTableSchema.PartitionKey },
        };
        try
        {
            await Guard(operation, () => _dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> IncidentKey(string incidentId) => new()
    {
        [IncidentTableSchema.PartitionKey] = new AttributeValue { S = IncidentTableSchema.IncidentPk(incidentId) },
        [IncidentTableSchema.SortKey] = new AttributeValue { S = IncidentTableSchema.IncidentSortKey },
    };

    private Task<T> Guard<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken) =>
        DynamoDbFailures.Guard(operation, Table, call, cancellationToken);
}
