using Amazon.DynamoDBv2;
using Automation.Aws.Tuning;
using Automation.Core.Alarms;
using Automation.Core.Tuning;
using Automation.Tests.Moto;

namespace Automation.Aws.Tests.Tuning;

/// <summary>The threshold-change table on moto: written once per id, every field back, an alarm's changes by time.</summary>
[Collection(MotoTests.Name)]
public sealed class DynamoDbThresholdChangeStoreTests(MotoServer moto) : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 8, 15, 43, 120, TimeSpan.Zero);

    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    private static ThresholdChange Change(string id, string alarm, DateTimeOffset at, double from = 0, double to = 1.25) => new(
        id, alarm, "orders", AlarmKind.ThrottledRequests, from, to, 1, 2, $"Raised {from} to {to}.", ["inc-a", "inc-b"],
        new BaselineStats(42, 0.5, 0.25, 1.5, 3), DryRun: false, at, RevertOf: null)
    {
        StartedBy = "tune:exec-1",
    };

    private async Task<DynamoDbThresholdChangeStore> StoreAsync()
    {
        var request = DynamoDbThresholdChangeStore.CreateTableRequest("threshold-changes-" + Guid.NewGuid().ToString("N")[..12]);
        await _dynamoDb.CreateTableAsync(request);
        return new DynamoDbThresholdChangeStore(_dynamoDb, request.TableName);
    }

    [Fact]
    public async Task A_change_is_written_once_and_reads_back_with_every_field()
    {
        var store = await StoreAsync();
        ThresholdChange change = Change("tc-1", "ddb-automation-Orders-ThrottledRequests", At);

        Assert.True(await store.AppendAsync(change, CancellationToken.None));
        Assert.False(await store.AppendAsync(change with { NewThreshold = 99 }, CancellationToken.None));

        ThresholdChange? back = await store.GetAsync("tc-1", CancellationToken.None);
        Assert.NotNull(back);
        Assert.Equal(1.25, back.NewThreshold);
        Assert.Equal(change with { IncidentIds = back.IncidentIds }, back);
        Assert.Equal(["inc-a", "inc-b"], back.IncidentIds);
        Assert.Equal("tune:exec-1", back.StartedBy);
        Assert.Null(await store.GetAsync("tc-none", CancellationToken.None));
    }

    [Fact]
    public async Task Latest_is_the_newest_change_of_the_alarm_and_list_is_oldest_first()
    {
        var store = await StoreAsync();
        const string alarm = "ddb-automation-Orders-ThrottledRequests";
        await store.AppendAsync(Change("tc-b", alarm, At.AddDays(2), 1.25, 2.5), CancellationToken.None);
        await store.AppendAsync(Change("tc-a", alarm, At), CancellationToken.None);
        await store.AppendAsync(ThresholdChanges.Revert(Change("tc-b", alarm, At.AddDays(2), 1.25, 2.5), At.AddDays(3), "tc-c"), CancellationToken.None);
        await store.AppendAsync(Change("tc-other", "ddb-automation-Other", At.AddDays(9)), CancellationToken.None);

        ThresholdChange? latest = await store.LatestAsync(alarm, CancellationToken.None);
        Assert.Equal("tc-c", latest?.ChangeId);
        Assert.Equal("tc-b", latest?.RevertOf);
        Assert.Equal(1.25, latest?.NewThreshold);
        Assert.Equal(["tc-a", "tc-b", "tc-c"], (await store.ListAsync(alarm, CancellationToken.None)).Select(c => c.ChangeId));
        Assert.Null(await store.LatestAsync("ddb-automation-Nothing", CancellationToken.None));
    }
}
