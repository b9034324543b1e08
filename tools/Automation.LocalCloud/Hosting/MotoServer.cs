using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Hosting;

/// <summary>
/// The moto process, started through tools/localcloud/moto_launcher.py (interpreter on, the 5.2.1
/// StartExecution fix, a free port, exits when our end of its stdin closes). Disposing kills it and
/// any child; if this process dies without disposing, the closed stdin pipe still ends it.
/// </summary>
public sealed class MotoServer : IDisposable
{
    public const string InstallHint =
        "The local cloud needs Python 3 with moto[server] 5.2.1 (requirements-dev.txt). " + RepositoryPaths.PythonSetupHint;

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private MotoServer(Process process, StringBuilder stderr, Uri endpoint, string version)
    {
        _process = process;
        _stderr = stderr;
        Endpoint = endpoint;
        Version = version;
    }

    public Uri Endpoint { get; }
    public string Version { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>What moto wrote to stderr lately (its own errors; request logging is off).</summary>
    public string RecentErrors
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts moto and waits for its ready line (no polling: the launcher says when it listens).</summary>
    public static async Task<MotoServer> StartAsync(RepositoryPaths paths, int routerPort, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var python = paths.Python;
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { paths.MotoLauncher, "--router-port", routerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--watch-stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        // AWS managed policies (e.g. AWSLambdaBasicExecutionRole) must exist for SAM's roles to attach them.
        start.Environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
        start.Environment["PYTHONUNBUFFERED"] = "1";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start.");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new LocalCloudException($"Cannot run {python}: {error.Message}. {InstallHint}", error);
        }

        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                    if (stderr.Length > 16_000)
                    {
                        stderr.Remove(0, stderr.Length - 8_000);
                    }
                }
            }
        };
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false);
            var ready = line is null ? null : JsonNode.Parse(line);
            if (ready?["ready"]?.GetValue<bool>() != true)
            {
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                string details;
                lock (stderr)
                {
                    details = stderr.ToString().Trim();
                }

                var hint = process.HasExited && process.ExitCode == 3 ? string.Empty : $" {InstallHint}";
                throw new LocalCloudException($"moto did not start ({(process.HasExited ? $"exit code {process.ExitCode}" : "no ready line")}): {details}{hint}");
            }

            var port = ready["port"]!.GetValue<int>();
            return new MotoServer(process, stderr, new Uri($"http://127.0.0.1:{port}/"), ready["motoVersion"]?.GetValue<string>() ?? "?");
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
