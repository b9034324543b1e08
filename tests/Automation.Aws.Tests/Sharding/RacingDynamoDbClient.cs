using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Automation.Tests.Moto;

namespace Automation.Aws.Tests.Sharding;

/// <summary>
/// A real DynamoDB client that runs <paramref name="beforeFirstPut"/> just before its first PutItem:
/// a competitor's write lands between the store's read and its conditional write, which is
/// exactly the race the optimistic lock must catch.
/// </summary>
internal sealed class RacingDynamoDbClient(string endpoint, Func<Task> beforeFirstPut)
    : AmazonDynamoDBClient(new BasicAWSCredentials("testing", "testing"), MotoServer.Config(endpoint))
{
    private int _puts;

    public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _puts) == 1)
        {
            await beforeFirstPut();
        }

        return await base.PutItemAsync(request, cancellationToken);
    }
}
