using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Automation.Tests.Shared;

namespace Automation.Tests.Moto;

/// <summary>
/// A real DynamoDB API for the integration tests: <c>moto_server</c> (<c>python -m moto.server</c> with
/// <see cref="RepoPaths.Python"/>) on a free loopback port, started once per collection and killed (with
/// its children) on dispose. Never skips: without moto it fails with <see cref="InstallHint"/>. Compiled
/// only into test projects that set <c>UsesMotoServer</c> (tests/Directory.Build.props), and kept in this
/// one file so the shared local cloud (tools/Automation.LocalCloud) can replace it later.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    public const string InstallHint = "moto[server] 5.2.1 (requirements-dev.txt). " + RepoPaths.PythonSetupHint;

    /// <summary>The region every client of this server signs for (moto keeps one backend per region).</summary>
    public const string Region = "eu-west-1";

    private const int KeptOutputLines = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Queue<string> _output = new();
    private Process? _process;

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The endpoint as an SDK service URL: http://127.0.0.1:PORT (no trailing slash).</summary>
    public string ServiceUrl => Endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>A DynamoDB client for the server (dummy credentials, no retries so failures show at once).</summary>
    public AmazonDynamoDBClient CreateDynamoDbClient() => CreateDynamoDbClient(ServiceUrl);

    /// <summary>A DynamoDB client for any endpoint (e.g. one where nothing listens).</summary>
    public static AmazonDynamoDBClient CreateDynamoDbClient(string endpoint) =>
        new(new BasicAWSCredentials("testing", "testing"), Config(endpoint));

    /// <summary>The client configuration the tests use, for clients of their own (subclasses).</summary>
    public static AmazonDynamoDBConfig Config(string endpoint) => new()
    {
        ServiceURL = endpoint,
        AuthenticationRegion = Region,
        MaxErrorRetry = 0,
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A loopback port nothing listens on at the moment of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var file = RepoPaths.Python;
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run {file} ({e.Message}). It needs {InstallHint}", e);
        }

        // moto logs every request: drain both pipes (a full one would block it) and keep the tail for failure reports.
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"{_process.StartInfo.FileName} -m moto.server exited with code {_process.ExitCode} before it was ready. It needs {InstallHint} Output:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"moto_server did not answer on {Endpoint} within {StartTimeout.TotalSeconds} s. Output:\n{Output()}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }
}

/// <summary>Tests that need DynamoDB share one <see cref="MotoServer"/> (and run serially).</summary>
[CollectionDefinition(Name)]
public sealed class MotoTests : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
