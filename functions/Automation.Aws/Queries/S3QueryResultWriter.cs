using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Automation.Core.Errors;
using Automation.Core.Queries;

namespace Automation.Aws.Queries;

/// <summary>How result objects are encrypted at rest.</summary>
public enum ResultEncryption
{
    /// <summary>SSE-S3 (<c>AES256</c>), the bucket's default in template.yaml.</summary>
    Aes256,

    /// <summary>SSE-KMS (<c>aws:kms</c>) with <see cref="QueryResultWriterOptions.KmsKeyId"/> or the account's S3 key.</summary>
    Kms,
}

/// <summary>Where and how <see cref="S3QueryResultWriter"/> writes.</summary>
/// <param name="Bucket">The results bucket (template.yaml: QueryResultsBucket).</param>
/// <param name="Prefix">Key prefix (the bucket's lifecycle rule expires <c>results/</c>).</param>
/// <param name="Encryption">SSE-S3 or SSE-KMS.</param>
/// <param name="KmsKeyId">The KMS key for <see cref="ResultEncryption.Kms"/>, or null for the AWS-managed key.</param>
public sealed record QueryResultWriterOptions(
    string Bucket,
    string Prefix = QueryResultWriterOptions.DefaultPrefix,
    ResultEncryption Encryption = ResultEncryption.Aes256,
    string? KmsKeyId = null)
{
    public const string DefaultPrefix = "results";
    public const string BucketVariable = "QUERY_RESULTS_BUCKET";
    public const string KmsKeyVariable = "QUERY_RESULTS_KMS_KEY_ID";

    /// <summary>
    /// From the function's environment: <c>QUERY_RESULTS_BUCKET</c> (required); <c>QUERY_RESULTS_KMS_KEY_ID</c>, when set,
    /// selects SSE-KMS with that key (the role then needs kms:GenerateDataKey on it), else SSE-S3.
    /// </summary>
    public static QueryResultWriterOptions FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string bucket = variable(BucketVariable) is { Length: > 0 } b
            ? b
            : throw new AutomationException(ErrorTypes.InternalError, $"{BucketVariable} is not set: the function does not know the query results bucket (template.yaml).");
        return variable(KmsKeyVariable) is { Length: > 0 } key
            ? new QueryResultWriterOptions(bucket, Encryption: ResultEncryption.Kms, KmsKeyId: key)
            : new QueryResultWriterOptions(bucket);
    }
}

/// <summary>
/// <see cref="IQueryResultWriter"/> on S3: the full, already masked result set of a run as one JSON document at
/// <c>&lt;prefix&gt;/&lt;runId&gt;.json</c>, encrypted server-side (SSE-S3 or SSE-KMS). The document: the run's
/// identity (template, hash, segment and version, table, index, operation), its masked parameters, stop reason,
/// pages, counts, consumed read units, the (masked) key it stopped at, and every item in DynamoDB JSON. Written with
/// <see cref="Utf8JsonWriter"/> (no reflection; Native AOT safe).
/// </summary>
public sealed partial class S3QueryResultWriter : IQueryResultWriter
{
    private readonly IAmazonS3 _s3;
    private readonly QueryResultWriterOptions _options;

    public S3QueryResultWriter(IAmazonS3 s3, QueryResultWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Bucket);
        _s3 = s3;
        _options = options;
    }

    /// <summary>The object key of a run's result set.</summary>
    public string KeyFor(string runId)
    {
        if (string.IsNullOrEmpty(runId) || !RunIdSyntax().IsMatch(runId))
        {
            throw new ArgumentException($"'{runId}' is not a run id (1-200 of A-Z a-z 0-9 . _ -, not starting with '.').", nameof(runId));
        }

        string prefix = _options.Prefix.Trim('/');
        return prefix.Length == 0 ? $"{runId}.json" : $"{prefix}/{runId}.json";
    }

    public async Task<QueryResultLocation> WriteAsync(string runId, QueryPlan plan, QueryRunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        string key = KeyFor(runId);
        using var body = new MemoryStream(Document(runId, plan, result), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = "application/json",
            ServerSideEncryptionMethod = _options.Encryption == ResultEncryption.Kms ? ServerSideEncryptionMethod.AWSKMS : ServerSideEncryptionMethod.AES256,
        };
        if (_options.Encryption == ResultEncryption.Kms && _options.KmsKeyId is { Length: > 0 } kmsKey)
        {
            request.ServerSideEncryptionKeyManagementServiceKeyId = kmsKey;
        }

        await Guard(key, () => _s3.PutObjectAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new QueryResultLocation(_options.Bucket, key);
    }

    /// <summary>The result document (UTF-8 JSON) of a run.</summary>
    public static byte[] Document(string runId, QueryPlan plan, QueryRunResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("runId", runId);
            json.WriteString("template", plan.TemplateName);
            json.WriteString("templateHash", plan.TemplateHash);
            json.WriteString("segment", plan.Segment);
            json.WriteNumber("segmentVersion", plan.SegmentVersion);
            json.WriteString("table", plan.Table);
            if (plan.Index is null)
            {
                json.WriteNull("index");
            }
            else
            {
                json.WriteString("index", plan.Index);
            }

            json.WriteString("operation", plan.Operation.ToString());
            json.WriteStartObject("parameters");
            foreach (KeyValuePair<string, string> parameter in plan.AuditParameters)
            {
                json.WriteString(parameter.Key, parameter.Value);
            }

            json.WriteEndObject();
            json.WriteString("stopReason", result.StopReason.ToString());
            json.WriteNumber("pages", result.Pages);
            json.WriteNumber("itemCount", result.ItemCount);
            json.WriteNumber("scannedCount", result.ScannedCount);
            json.WriteNumber("consumedReadUnits", result.ConsumedUnits);
            json.WriteNumber("readCeiling", plan.ReadCeiling);
            json.WritePropertyName("lastEvaluatedKey");
            Write(json, result.LastEvaluatedKey);
            json.WriteStartArray("items");
            foreach (JsonObject item in result.Items)
            {
                item.WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter json, JsonNode? node)
    {
        if (node is null)
        {
            json.WriteNullValue();
        }
        else
        {
            node.WriteTo(json);
        }
    }

    private async Task Guard(string key, Func<Task> call, CancellationToken cancellationToken)
    {
        string target = $"s3://{_options.Bucket}/{key}";
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (IsTransient(e))
        {
            throw new AutomationException(ErrorTypes.TransientDependencyError, $"PutObject {target} failed and may succeed on retry: {e.ErrorCode} {e.Message}", e);
        }
        catch (AmazonS3Exception e)
        {
            // NoSuchBucket, AccessDenied, KMS refusals: the stack or the function's settings are wrong, not the run.
            throw new AutomationException(
                ErrorTypes.InternalError,
                string.Create(CultureInfo.InvariantCulture, $"PutObject {target} was refused ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}; check {QueryResultWriterOptions.BucketVariable} and the function's role."),
                e);
        }
        catch (HttpRequestException e)
        {
            throw new AutomationException(ErrorTypes.TransientDependencyError, $"PutObject {target} could not reach S3: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AutomationException(ErrorTypes.TransientDependencyError, $"PutObject {target} timed out.", e);
        }
    }

    private static bool IsTransient(AmazonServiceException e) =>
        e.ErrorCode is "SlowDown" or "RequestTimeout" or "ServiceUnavailable" or "InternalError" or "ThrottlingException"
        || e.StatusCode >= HttpStatusCode.InternalServerError;

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdSyntax();
}
