using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Automation.Sharding.Tests.Integration;

/// <summary>
/// A real DynamoDB API for the tests: <c>moto_server</c> on a free loopback port, started once for
/// the collection and killed on dispose. Kept minimal and in this one file so the shared local
/// cloud (tools/Automation.LocalCloud) can replace it later.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private const string InstallHint = "pip install 'moto[server]==5.2.1'";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Queue<string> _output = new();
    private Process? _process;

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>A DynamoDB client for the server (dummy credentials, no retries so failures show at once).</summary>
    public AmazonDynamoDBClient CreateDynamoDbClient() => CreateDynamoDbClient(Endpoint);

    /// <summary>A DynamoDB client for any endpoint (e.g. one where nothing listens).</summary>
    public static AmazonDynamoDBClient CreateDynamoDbClient(string endpoint) =>
        new(new BasicAWSCredentials("testing", "testing"), Config(endpoint));

    /// <summary>The client configuration the tests use, for clients of their own (subclasses).</summary>
    public static AmazonDynamoDBConfig Config(string endpoint) => new()
    {
        ServiceURL = endpoint,
        AuthenticationRegion = "us-east-1",
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
        int port = FreePort();
        var (file, prefix) = FindMoto();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        // moto logs every request; drain both pipes so it never blocks on a full one.
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Endpoint = $"http://127.0.0.1:{port}";
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
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before serving ({InstallHint}?). Output:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint + "/moto-api/"));
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"moto_server did not serve {Endpoint} within {StartTimeout.TotalSeconds} s. Output:\n{Output()}");
    }

    private static (string File, string[] Prefix) FindMoto()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, "moto_server");
            if (File.Exists(candidate))
            {
                return (candidate, []);
            }
        }

        using var probe = Process.Start(new ProcessStartInfo("python3", ["-c", "import moto.server"]) { RedirectStandardError = true, UseShellExecute = false });
        probe?.WaitForExit(30_000);
        return probe is { ExitCode: 0 }
            ? ("python3", ["-m", "moto.server"])
            : throw new InvalidOperationException($"moto_server is not on PATH and python3 cannot import moto.server: {InstallHint}");
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
            if (_output.Count > 50)
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

/// <summary>Tests in this collection share one <see cref="MotoServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedMotoServer : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
