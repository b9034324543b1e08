using Automation.Functions.Logging;


namespace Automation.Functions.Host;

/// <summary>
/// The custom-runtime event loop: fetch the next invocation, run the step under a deadline-bound
/// cancellation, post the response or the typed error, repeat. A failing step never ends the
/// loop; only a broken Runtime API does (Lambda then restarts the sandbox).
/// </summary>
public sealed class RuntimeLoop(
    RuntimeApiClient runtimeApi,
    IStepHandler handler,
    LambdaLogContext logContext,
    ILogger logger,
    TimeProvider time)
{
    private static readonly byte[] NullJson = "null"u8.ToArray();

    /// <summary>Serves invocations until <paramref name="stopping"/> fires or the Runtime API fails.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var invocation = await runtimeApi.GetNextInvocationAsync(stopping).ConfigureAwait(false);
                await InvokeAsync(invocation, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Asked to stop (tests, local runs); Lambda itself never stops the loop.
        }
    }

    /// <summary>Runs one invocation and posts its outcome.</summary>
    public async Task InvokeAsync(Invocation invocation, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var context = invocation.Context;
        // The X-Ray SDK (and anything else tracing-aware) reads the current trace from here.
        Environment.SetEnvironmentVariable(RuntimeApiHeaders.TraceIdEnvironmentVariable, context.TraceId);
        logContext.BeginInvocation(context);
        try
        {
            var outcome = await RunStepAsync(invocation, stopping).ConfigureAwait(false);
            try
            {
                if (outcome.Error is { } error)
                {
                    await runtimeApi.PostInvocationErrorAsync(context.RequestId, error, stopping).ConfigureAwait(false);
                }
                else
                {
                    await runtimeApi.PostResponseAsync(context.RequestId, outcome.Response ?? NullJson, stopping).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException)
            {
                // E.g. 413 for an oversized response: Lambda already fails that invocation itself.
                HostLog.PostFailed(logger, ex, context.RequestId);
            }
        }
        finally
        {
            logContext.EndInvocation();
        }
    }

    private async Task<(byte[]? Response, InvocationError? Error)> RunStepAsync(Invocation invocation, CancellationToken stopping)
    {
        var context = invocation.Context;
        using var deadline = DeadlineCancellation.Create(context.Deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        var started = false;
        try
        {
            if (deadline.IsCancellationRequested)
            {
                // Not worth starting: the step would be cancelled at once, or frozen mid-write.
                throw new OperationCanceledException(
                    $"The invocation deadline {context.Deadline:O} was within the safety margin before {handler.Name} started.",
                    deadline.Token);
            }
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var remainingMs = (long)(context.Deadline - time.GetUtcNow()).TotalMilliseconds;
                HostLog.Invoking(logger, handler.Name, remainingMs);
            }
            started = true;
            var response = await handler.HandleAsync(invocation.Payload, context, linked.Token).ConfigureAwait(false);
            return (response, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            var error = InvocationError.From(ex);
            if (started && ex is OperationCanceledException && deadline.IsCancellationRequested)
            {
                error = error with { ErrorMessage = $"{handler.Name} did not finish before the invocation deadline {context.Deadline:O} (less a safety margin): {ex.Message}" };
            }
            HostLog.StepFailed(logger, ex, handler.Name, error.ErrorType, error.ErrorMessage);
            return (null, error);
        }
    }
}
