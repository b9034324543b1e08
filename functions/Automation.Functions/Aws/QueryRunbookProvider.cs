using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Automation.Aws.Queries;
using Automation.Core.Queries;

namespace Automation.Functions.Aws;

/// <summary>
/// What the query-runbook steps read and write through, each created on first use: the page reader (DynamoDB), the
/// result writer (S3: QUERY_RESULTS_BUCKET, optional QUERY_RESULTS_KMS_KEY_ID), the audit store (QUERY_AUDIT_TABLE)
/// and the preview size (QUERY_PREVIEW_ITEMS, default <see cref="DefaultPreviewItems"/>). A step that needs a setting
/// its function is not deployed with fails <c>InternalError</c> naming the variable.
/// </summary>
public sealed class QueryRunbookProvider(
    Func<IQueryPageReader> reader,
    Func<IQueryResultWriter> results,
    Func<IQueryAuditStore> audit,
    Func<int> previewItems)
{
    public const string PreviewItemsVariable = "QUERY_PREVIEW_ITEMS";
    public const int DefaultPreviewItems = 10;
    public const int MaxPreviewItems = 100;

    private readonly Lazy<IQueryPageReader> _reader = new(reader);
    private readonly Lazy<IQueryResultWriter> _results = new(results);
    private readonly Lazy<IQueryAuditStore> _audit = new(audit);
    private readonly Lazy<int> _previewItems = new(previewItems);

    public IQueryPageReader Reader => _reader.Value;

    public IQueryResultWriter Results => _results.Value;

    public IQueryAuditStore Audit => _audit.Value;

    public int PreviewItems => _previewItems.Value;

    /// <summary>The deployed configuration: environment variables, the shared DynamoDB client, an S3 client from the standard settings.</summary>
    public static QueryRunbookProvider FromEnvironment() => new(
        () => new DynamoDbQueryPageReader(SharedDynamoDbClient.Instance),
        () => new S3QueryResultWriter(new AmazonS3Client(), QueryResultWriterOptions.FromEnvironment(Environment.GetEnvironmentVariable)),
        () => new DynamoDbQueryAuditStore(SharedDynamoDbClient.Instance, Required(DynamoDbQueryAuditStore.TableVariable, "the query audit table")),
        () => PreviewItemsFrom(Environment.GetEnvironmentVariable(PreviewItemsVariable)));

    /// <summary>Over the given clients (tests, the local cloud).</summary>
    public static QueryRunbookProvider For(IAmazonDynamoDB dynamoDb, IAmazonS3 s3, QueryResultWriterOptions results, string auditTable, int previewItems = DefaultPreviewItems) => new(
        () => new DynamoDbQueryPageReader(dynamoDb),
        () => new S3QueryResultWriter(s3, results),
        () => new DynamoDbQueryAuditStore(dynamoDb, auditTable),
        () => previewItems);

    /// <exception cref="AutomationException"><c>InternalError</c>: not a whole number in 0..<see cref="MaxPreviewItems"/>.</exception>
    public static int PreviewItemsFrom(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultPreviewItems;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int items) && items <= MaxPreviewItems
            ? items
            : throw new AutomationException(ErrorTypes.InternalError, $"{PreviewItemsVariable} must be a whole number from 0 to {MaxPreviewItems}; got '{value}'.");
    }

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value.Trim()
            : throw new AutomationException(ErrorTypes.InternalError, $"{variable} is not set: the function's environment must name {what} (template.yaml).");
}
