using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// The published <c>bootstrap</c> running as Lambda would start it: the environment variables of
/// a provided.al2023 function, and stdout (its JSON log lines) captured.
/// </summary>
internal sealed class BootstrapProcess : IAsyncDisposable
{
    public const string FunctionName = "contract-test";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private BootstrapProcess(Process process) => _process = process;

    public static BootstrapProcess Start(string executable, string runtimeApi, string? handler, string logLevel = "DEBUG", IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        // Start from the test's environment minus anything that would change the host's behaviour.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("POWERTOOLS_", StringComparison.Ordinal) || k.StartsWith("AUTOMATION_", StringComparison.Ordinal) || k.StartsWith('_')).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = FunctionName;
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        start.Environment["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{FunctionName}";
        start.Environment["AWS_LAMBDA_LOG_STREAM_NAME"] = "2025/01/01/[$LATEST]0123456789abcdef";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_EXECUTION_ENV"] = "AWS_Lambda_provided.al2023";
        start.Environment["LAMBDA_TASK_ROOT"] = Path.GetDirectoryName(executable)!;
        start.Environment["LAMBDA_RUNTIME_DIR"] = "/var/runtime";
        start.Environment["TZ"] = ":UTC";
        start.Environment["POWERTOOLS_SERVICE_NAME"] = "dynamodb-runbooks";
        start.Environment["POWERTOOLS_LOG_LEVEL"] = logLevel;
        if (handler is not null)
        {
            start.Environment["_HANDLER"] = handler;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var running = new BootstrapProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                running._stdout.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                running._stderr.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return _process.ExitCode;
    }

    /// <summary>Ends the process (it would wait on GET next forever) and returns every log line,
    /// parsed. Waiting for exit also drains the captured stdout, so no line is missed.</summary>
    public async Task<IReadOnlyList<JsonElement>> StopAndReadLogsAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return ReadLogs();
    }

    /// <summary>Every stdout line must be a JSON object: CloudWatch gets nothing unstructured.</summary>
    public IReadOnlyList<JsonElement> ReadLogs() => _stdout.Select(line =>
    {
        try
        {
            var element = JsonDocument.Parse(line).RootElement.Clone();
            Assert.Equal(JsonValueKind.Object, element.ValueKind);
            return element;
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"bootstrap wrote a non-JSON stdout line: {line} ({ex.Message})");
        }
    }).ToList();

    public string Diagnostics() => $"stdout:\n{string.Join('\n', _stdout)}\nstderr:\n{string.Join('\n', _stderr)}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
