using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Access;
using Automation.Core.Access;
using Automation.Tests.Moto;

namespace Automation.Aws.Tests.Access;

/// <summary>The access-requests table on moto: a create only if absent, a replace only on the version read, the whole record back.</summary>
[Collection(MotoTests.Name)]
public sealed class DynamoDbAccessRequestStoreTests(MotoServer moto) : IDisposable
{
    private const string Requester = "arn:aws:sts::123456789012:assumed-role/OnCall/alice";
    private const string Lead = "arn:aws:sts::123456789012:assumed-role/OnCallLead/bob";
    private const string Lead2 = "arn:aws:sts::123456789012:assumed-role/OnCallLead/carol";
    private const string RequestId = "bg-0123456789abcdef01234567";
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:BreakGlass:bg-0123456789abcdef01234567";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 13, 0, 250, TimeSpan.Zero);

    private static readonly AccessScope Scope = new(
        ["arn:aws:sts::*:assumed-role/OnCall/*"], ["arn:aws:sts::*:assumed-role/OnCallLead/*"], [AccessAction.GetItem, AccessAction.PutItem],
        60, true, 30, 2, EmergencyPolicy.ReadOnly, 2);

    private static readonly AccessRequest Request = new(
        Requester, "orders", ["ByCustomer"], ["GetItem", "dynamodb:PutItem"], ["customer#4711"], ["tenant#"], ["status"], 30,
        "stuck orders of customer 4711", "inc-1", "OPS-7", false);

    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    private async Task<(DynamoDbAccessRequestStore Store, string Table)> NewStoreAsync()
    {
        string table = "access-requests-" + Guid.NewGuid().ToString("N")[..12];
        await _dynamoDb.CreateTableAsync(DynamoDbAccessRequestStore.CreateTableRequest(table));
        return (new DynamoDbAccessRequestStore(_dynamoDb, table), table);
    }

    private async Task<Dictionary<string, AttributeValue>> RawItemAsync(string table, string requestId) =>
        (await _dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            ConsistentRead = true,
            Key = new() { [DynamoDbAccessRequestStore.KeyAttribute] = new AttributeValue { S = requestId } },
        })).Item ?? [];

    private static AccessRecord Opened(string requestId = RequestId) => AccessLifecycle.Open(requestId, Request, "Orders", 3, 2, Now);

    private static AccessGrant Grant(DateTimeOffset expiresAt) => new(
        "break-glass-" + RequestId, "/break-glass/", "break-glass-grant", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem"]}]}""",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/OnCall"}}]}""", 3600,
        new Dictionary<string, string> { ["break-glass:request-id"] = RequestId }, expiresAt, 1800, 120);

    /// <summary>Everything a record can hold: two approvals, a grant, an applied and a refused extension, a revocation, the timeline.</summary>
    private static AccessRecord Full()
    {
        AccessRecord r = AccessLifecycle.Started(Opened(), ExecutionArn, Now);
        r = AccessLifecycle.Await(r, AccessLifecycle.ApprovalWait, "approval-token", 1800, Now.AddSeconds(1));
        r = AccessLifecycle.Decide(r, Lead, AccessLifecycle.Approved, "looks right", Scope, Now.AddMinutes(1)).Record;
        r = AccessLifecycle.Decide(r, Lead2, AccessLifecycle.Approved, null, Scope, Now.AddMinutes(2)).Record;
        r = AccessLifecycle.Prepare(r, Grant(Now.AddMinutes(32)), "arn:aws:iam::123456789012:role/break-glass/break-glass-" + RequestId, Now.AddMinutes(2));
        r = AccessLifecycle.Granted(r, Now.AddMinutes(3));
        r = AccessLifecycle.Await(r, AccessLifecycle.HoldWait, "hold-token", 1740, Now.AddMinutes(3));
        r = AccessLifecycle.RequestExtension(r, Requester, 15, "still digging", Scope, Now.AddMinutes(20));
        r = AccessLifecycle.ApproveExtension(r, Lead, Scope, Now.AddMinutes(21)).Record;
        r = AccessLifecycle.ApplyExtension(r, 1, Now.AddMinutes(47), null, Grant(Now.AddMinutes(47)), Now.AddMinutes(21));
        r = AccessLifecycle.Await(r, AccessLifecycle.HoldWait, "hold-token-2", 1560, Now.AddMinutes(21));
        r = AccessLifecycle.RequestExtension(r, Requester, 10, "a little more", Scope, Now.AddMinutes(40));
        r = AccessLifecycle.ApproveExtension(r, Lead2, Scope, Now.AddMinutes(41)).Record;
        r = AccessLifecycle.ApplyExtension(r, 2, null, "extension-over-maximum (minutes): too long", null, Now.AddMinutes(41));
        r = AccessLifecycle.Revoking(r, RevocationCause.Expiry, Now.AddMinutes(47));
        return AccessLifecycle.Revoked(r, RevocationCause.Expiry, "break-glass-" + RequestId, ExecutionArn, Now.AddMinutes(48));
    }

    [Fact]
    public async Task A_request_is_created_once()
    {
        var (store, table) = await NewStoreAsync();

        bool first = await store.CreateAsync(Opened(), CancellationToken.None);
        bool second = await store.CreateAsync(Opened() with { Status = AccessStatus.Refused, Version = 9 }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(Opened(), await store.GetAsync(RequestId, CancellationToken.None), AccessRecordComparer.Instance);
        Assert.Equal("1", (await RawItemAsync(table, RequestId))["version"].N);
    }

    [Fact]
    public async Task A_replace_on_the_version_read_wins_and_one_on_another_version_changes_nothing()
    {
        var (store, _) = await NewStoreAsync();
        AccessRecord opened = Opened();
        await store.CreateAsync(opened, CancellationToken.None);
        AccessRecord started = AccessLifecycle.Started(opened, ExecutionArn, Now);

        bool won = await store.ReplaceAsync(started, opened.Version, CancellationToken.None);
        bool stale = await store.ReplaceAsync(AccessLifecycle.Expire(opened, Now), opened.Version, CancellationToken.None);
        bool ahead = await store.ReplaceAsync(AccessLifecycle.Expire(started, Now), started.Version + 1, CancellationToken.None);

        Assert.True(won);
        Assert.False(stale);
        Assert.False(ahead);
        AccessRecord? stored = await store.GetAsync(RequestId, CancellationToken.None);
        Assert.Equal(started, stored, AccessRecordComparer.Instance);
        Assert.Equal(AccessStatus.Requested, stored!.Status);
    }

    [Fact]
    public async Task A_replace_of_a_request_that_does_not_exist_is_false_and_writes_nothing()
    {
        var (store, table) = await NewStoreAsync();

        Assert.False(await store.ReplaceAsync(Opened(), 1, CancellationToken.None));
        Assert.Empty(await RawItemAsync(table, RequestId));
    }

    [Fact]
    public async Task The_whole_record_round_trips()
    {
        var (store, table) = await NewStoreAsync();
        AccessRecord opened = Opened();
        AccessRecord full = Full();
        await store.CreateAsync(opened, CancellationToken.None);

        Assert.True(await store.ReplaceAsync(full, opened.Version, CancellationToken.None));
        AccessRecord? stored = await store.GetAsync(RequestId, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(full, stored, AccessRecordComparer.Instance);
        Assert.Equal([Lead, Lead2], stored.Approvals.Select(a => a.By));
        Assert.Equal(["Applied", "Refused"], stored.Extensions.Select(e => e.Status));
        Assert.Equal(Now.AddMinutes(47), stored.Grant!.ExpiresAt);
        Assert.Equal(new AccessRevocation(RevocationCause.Expiry, Now.AddMinutes(48), "break-glass-" + RequestId, null, ExecutionArn), stored.Revocation);
        Assert.Equal(full.Events, stored.Events);
        Assert.Equal(Request, stored.Request, AccessRecordComparer.RequestComparer);

        Dictionary<string, AttributeValue> item = await RawItemAsync(table, RequestId);
        Assert.Equal(full.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), item["version"].N);
        Assert.Equal("Revoked", item["status"].S);
        Assert.Equal("2026-11-20T02:13:00.250Z", item["requestedAt"].S);
        Assert.Equal(Requester, item["requester"].S);
        Assert.Equal("orders", item["segment"].S);
        Assert.Equal("Orders", item["tableName"].S);
        Assert.Equal("break-glass-" + RequestId, item["roleName"].S);
        Assert.Equal("2026-11-20T03:00:00.250Z", item["expiresAt"].S);
        Assert.Equal("Expiry", item["revocationCause"].S);
        Assert.Equal("Open", item["reviewState"].S);
    }

    [Fact]
    public async Task The_review_state_is_on_the_item_only_while_a_review_is_open()
    {
        var (store, table) = await NewStoreAsync();
        AccessRecord opened = Opened();
        AccessRecord full = Full();
        AccessRecord reviewed = AccessLifecycle.Reviewed(full, Lead2, "keys were right", Now.AddHours(2));

        await store.CreateAsync(opened, CancellationToken.None);
        Dictionary<string, AttributeValue> beforeGrant = await RawItemAsync(table, RequestId);
        await store.ReplaceAsync(full, opened.Version, CancellationToken.None);
        List<Dictionary<string, AttributeValue>> open = await OpenReviewsAsync(table);
        await store.ReplaceAsync(reviewed, full.Version, CancellationToken.None);
        Dictionary<string, AttributeValue> afterReview = await RawItemAsync(table, RequestId);

        Assert.False(beforeGrant.ContainsKey("reviewState"));
        Assert.False(beforeGrant.ContainsKey("roleName"));
        Assert.False(beforeGrant.ContainsKey("expiresAt"));
        Assert.False(beforeGrant.ContainsKey("revocationCause"));
        Assert.Equal(RequestId, Assert.Single(open)[DynamoDbAccessRequestStore.KeyAttribute].S);
        Assert.False(afterReview.ContainsKey("reviewState"));
        Assert.Empty(await OpenReviewsAsync(table));
        Assert.Equal(reviewed.Review, (await store.GetAsync(RequestId, CancellationToken.None))!.Review);
    }

    [Fact]
    public async Task Requests_are_listed_by_status()
    {
        var (store, table) = await NewStoreAsync();
        await store.CreateAsync(Opened("bg-000000000000000000000001"), CancellationToken.None);
        await store.CreateAsync(Opened("bg-000000000000000000000002"), CancellationToken.None);

        QueryResponse requested = await _dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = DynamoDbAccessRequestStore.ByStatusIndex,
            KeyConditionExpression = "#s = :s",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new("Requested") },
        });

        Assert.Equal(2, requested.Count);
    }

    [Fact]
    public async Task A_request_that_does_not_exist_is_null()
    {
        var (store, _) = await NewStoreAsync();

        Assert.Null(await store.GetAsync("bg-ffffffffffffffffffffffff", CancellationToken.None));
    }

    private async Task<List<Dictionary<string, AttributeValue>>> OpenReviewsAsync(string table) =>
        (await _dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = DynamoDbAccessRequestStore.OpenReviewsIndex,
            KeyConditionExpression = "#r = :r",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#r"] = "reviewState" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":r"] = new("Open") },
        })).Items;
}
