using System.Diagnostics;

namespace HostBench;

/// <summary>An executable under measurement and how Lambda would start it.</summary>
/// <param name="Label">Name in the report.</param>
/// <param name="Executable">The published executable; its folder is the deployment package.</param>
/// <param name="TakesHandler">Whether <c>_HANDLER</c> selects what it runs (the hello world ignores it).</param>
internal sealed record Target(string Label, string Executable, bool TakesHandler)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Starts the executable against a fresh fake Runtime API and measures one cold start.</summary>
    public async Task<Sample> MeasureAsync(Workload workload, int invocations, IReadOnlyDictionary<string, string> childEnvironment)
    {
        await using var api = BenchRuntimeApi.Start(workload.Payload, invocations);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Executable)!,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "bench";
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["POWERTOOLS_SERVICE_NAME"] = "bench";
        start.Environment["POWERTOOLS_LOG_LEVEL"] = "INFO";
        foreach (var (name, value) in childEnvironment)
        {
            start.Environment[name] = value;
        }
        if (TakesHandler)
        {
            start.Environment["_HANDLER"] = workload.Handler;
        }

        using var process = new Process { StartInfo = start };
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        var started = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            var firstNext = await Await(api.FirstNext, exited).ConfigureAwait(false);
            var firstResponse = await Await(api.FirstResponse, exited).ConfigureAwait(false);
            await Await(api.Idle, exited).ConfigureAwait(false);
            var peakKb = ProcStatus.ReadKilobytes(process.Id, "VmHWM");
            return new Sample(
                Stopwatch.GetElapsedTime(started, firstNext).TotalMilliseconds,
                Stopwatch.GetElapsedTime(firstNext, firstResponse).TotalMilliseconds,
                api.InvocationMs(2),
                peakKb / 1024.0);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{Label} ({workload.Handler}) did not complete a measured run: {ex.Message}\nstderr:\n{stderr}", ex);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a milestone, failing fast if the process exits first.</summary>
    private static async Task<long> Await(Task<long> milestone, Task exited)
    {
        var first = await Task.WhenAny(milestone, exited).WaitAsync(Patience).ConfigureAwait(false);
        if (first != milestone)
        {
            throw new InvalidOperationException("the process exited early");
        }
        return await milestone.ConfigureAwait(false);
    }
}
