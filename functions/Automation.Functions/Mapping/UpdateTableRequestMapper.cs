using Automation.Core.Facts;
using Automation.Core.Planning;
using Automation.Functions.Contracts.ThrottlingResponse;

namespace Automation.Functions.Mapping;

/// <summary>
/// The re-checked <see cref="TableUpdate"/> → DynamoDB's UpdateTable request and its <see cref="UpdateKind"/>, from
/// which fields it carries. A combination no kind covers (e.g. provisioned and on-demand settings in one update) is a
/// planner bug: <see cref="ErrorTypes.InternalError"/>, never a partial request.
/// </summary>
public static class UpdateTableRequestMapper
{
    public static (UpdateKind Kind, UpdateTableRequest? Request) Map(TableUpdate? update)
    {
        if (update is null)
        {
            return (UpdateKind.None, null);
        }

        bool switchMode = update.BillingMode == CapacityMode.PayPerRequest;
        if (update.BillingMode == CapacityMode.Provisioned)
        {
            throw Unsupported(update, "a switch to provisioned mode is never planned");
        }

        var indexUpdates = new List<GlobalSecondaryIndexUpdateRequest>(update.IndexUpdates.Count);
        bool indexThroughput = false, indexMaxima = false;
        foreach (IndexUpdate index in update.IndexUpdates)
        {
            indexThroughput |= index.ProvisionedThroughput is not null;
            indexMaxima |= index.OnDemandThroughput is not null;
            indexUpdates.Add(new GlobalSecondaryIndexUpdateRequest(new UpdateGlobalSecondaryIndexRequest(
                index.IndexName, Throughput(index.ProvisionedThroughput), Maxima(index.OnDemandThroughput))));
        }

        bool tableThroughput = update.ProvisionedThroughput is not null;
        bool tableMaxima = update.OnDemandThroughput is not null;
        UpdateKind kind = (switchMode, tableThroughput, tableMaxima, indexThroughput, indexMaxima) switch
        {
            (true, false, true, false, false) => UpdateKind.SwitchToOnDemand,
            (true, false, true, false, true) => UpdateKind.SwitchToOnDemandWithIndexes,
            (false, true, false, false, false) => UpdateKind.TableThroughput,
            (false, false, false, true, false) => UpdateKind.IndexThroughput,
            (false, true, false, true, false) => UpdateKind.TableAndIndexThroughput,
            (false, false, true, false, false) => UpdateKind.OnDemandMaximum,
            (false, false, false, false, true) => UpdateKind.IndexOnDemandMaximum,
            _ => throw Unsupported(update, "its fields match no update kind"),
        };

        if (kind == UpdateKind.SwitchToOnDemandWithIndexes && indexUpdates.Count != update.IndexUpdates.Count)
        {
            throw Unsupported(update, "every GSI update of a switch must carry on-demand maxima");
        }

        var request = new UpdateTableRequest(
            update.TableName,
            switchMode ? "PAY_PER_REQUEST" : null,
            Throughput(update.ProvisionedThroughput),
            Maxima(update.OnDemandThroughput),
            indexUpdates.Count > 0 ? indexUpdates : null);
        return (kind, request);
    }

    private static ProvisionedThroughputRequest? Throughput(ThroughputSetting? setting) =>
        setting is null ? null : new ProvisionedThroughputRequest(setting.ReadCapacityUnits, setting.WriteCapacityUnits);

    private static OnDemandThroughputRequest? Maxima(OnDemandThroughput? maxima) =>
        maxima is null ? null : new OnDemandThroughputRequest(maxima.MaxReadRequestUnits, maxima.MaxWriteRequestUnits);

    private static AutomationException Unsupported(TableUpdate update, string why) =>
        new(ErrorTypes.InternalError, $"Cannot turn the planned update of table '{update.TableName}' into one UpdateTable call: {why}.") { Field = "plan.tableUpdate" };
}
