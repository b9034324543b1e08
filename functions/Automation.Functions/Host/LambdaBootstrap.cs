using Automation.Functions.Logging;
using Automation.Functions.Metrics;

namespace Automation.Functions.Host;

/// <summary>
/// The process: wire logging, metrics and the clocks (<see cref="HostClock"/>), pick the step named by <c>_HANDLER</c>, then
/// serve invocations. Init failures go to <c>POST /runtime/init/error</c> and end the process with
/// a non-zero code, as the Runtime API asks.
/// </summary>
public static class LambdaBootstrap
{
    /// <summary>Exit code when init failed (reported to the Runtime API first).</summary>
    public const int InitFailedExitCode = 1;

    /// <summary>Exit code when there is no Runtime API to talk to, or it broke.</summary>
    public const int RuntimeApiFailedExitCode = 2;

    /// <summary><c>errorType</c> of the init error for a missing or unknown <c>_HANDLER</c>.</summary>
    public const string HandlerNotFoundErrorType = "Runtime.HandlerNotFound";

    public static async Task<int> RunAsync()
    {
        var settings = HostSettings.FromEnvironment();
        var time = TimeProvider.System;
        using var sink = new StdoutLineSink();
        var logContext = LambdaLogContext.FromEnvironment();
        var minimumLevel = LogLevelSetting.FromEnvironment(out var rejectedLevel);
        using var loggers = new JsonLoggerFactory(new JsonLoggerProvider(sink, logContext, time, minimumLevel));
        var logger = loggers.CreateLogger("Automation.Functions.Host");
        if (rejectedLevel is not null)
        {
            HostLog.UnknownLogLevel(logger, rejectedLevel);
        }

        if (string.IsNullOrWhiteSpace(settings.RuntimeApi))
        {
            HostLog.InitFailed(logger, null, "Runtime.NoRuntimeApi", "AWS_LAMBDA_RUNTIME_API is not set: this executable runs only as a Lambda custom runtime (bootstrap).");
            return RuntimeApiFailedExitCode;
        }

        using var runtimeApi = new RuntimeApiClient(settings.RuntimeApi, settings.FunctionName);
        IStepHandler handler;
        try
        {
            // The steps' clock; the host (deadline), logs and EMF stay on the real one (see HostClock).
            var stepTime = HostClock.FromEnvironment();
            if (stepTime is HostClock.Replay replay)
            {
                HostLog.ReplayClock(logger, replay.Instant);
            }

            var services = new StepServices(loggers, new EmfMetricsWriter(sink, time), stepTime);
            // Only the step _HANDLER names is built: the others' construction (their contracts' JSON metadata) is not
            // paid in this process's init.
            handler = HandlerCatalog.CreateStep(settings.HandlerName, services);
        }
        catch (Exception ex)
        {
            var error = ex switch
            {
                HandlerNotFoundException => new InvocationError(HandlerNotFoundErrorType, ex.Message, []),
                HostClockException => new InvocationError(HostClock.InvalidClockErrorType, ex.Message, []),
                _ => InvocationError.From(ex),
            };
            HostLog.InitFailed(logger, ex, error.ErrorType, error.ErrorMessage);
            await runtimeApi.PostInitErrorAsync(error, CancellationToken.None).ConfigureAwait(false);
            return InitFailedExitCode;
        }

        // No GC.Collect(0, GCCollectionMode.Forced, blocking: true) here, although it was measured (2026-12-02, two
        // interleaved HostBench runs of 200 starts, medians): it moves a gen0 collection out of the first invocations,
        // but costs more init than it saves. NormalizeTrigger: init +1.4 / +1.8 ms, first invocation -0.6 / -0.7 ms;
        // Diagnose: init +5.0 / +3.5 ms, first invocation -1.4 / -1.8 ms (docs/benchmarks-host.md).
        try
        {
            await new RuntimeLoop(runtimeApi, handler, logContext, loggers.CreateLogger("Automation.Functions.Host.RuntimeLoop"), time)
                .RunAsync(CancellationToken.None)
                .ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex)
        {
            HostLog.LoopStopped(logger, ex);
            return RuntimeApiFailedExitCode;
        }
    }
}
