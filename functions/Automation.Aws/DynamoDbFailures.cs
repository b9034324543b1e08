using System.Net;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Automation.Core.Errors;

namespace Automation.Aws;

/// <summary>
/// Turns SDK failures into the typed errors the state machine matches: what may pass on a retry
/// (throttling, 5xx, network) becomes <c>TransientDependencyError</c>; a missing table is a
/// deployment fault (<c>InternalError</c>). The SDK has already retried transient errors itself. Every adapter's
/// DynamoDB call goes through <see cref="Guard{T}"/>, so the steps that use them can declare TransientDependencyError.
/// </summary>
internal static class DynamoDbFailures
{
    public static async Task<T> Guard<T>(string operation, string tableName, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ResourceNotFoundException e)
        {
            throw new AutomationException(
                ErrorTypes.InternalError,
                $"{operation}: the table '{tableName}' (or an index it needs) does not exist; check the function's table settings and the stack.",
                e);
        }
        catch (AmazonServiceException e) when (IsTransient(e))
        {
            throw new AutomationException(ErrorTypes.TransientDependencyError, $"{operation} on '{tableName}' failed and may succeed on retry: {e.ErrorCode} {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new AutomationException(ErrorTypes.TransientDependencyError, $"{operation} on '{tableName}' could not reach DynamoDB: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The HTTP client's own timeout, not our deadline.
            throw new AutomationException(ErrorTypes.TransientDependencyError, $"{operation} on '{tableName}' timed out.", e);
        }
    }

    private static bool IsTransient(AmazonServiceException e) =>
        e is ProvisionedThroughputExceededException or RequestLimitExceededException or InternalServerErrorException
        || e.ErrorCode is "ThrottlingException" or "ServiceUnavailable" or "RequestTimeout"
        || e.StatusCode >= HttpStatusCode.InternalServerError;
}
