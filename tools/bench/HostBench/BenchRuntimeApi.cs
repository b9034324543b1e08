using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HostBench;

/// <summary>
/// A Lambda Runtime API for one measured process: hands out <see cref="Invocations"/> copies of the
/// payload, notes when each call arrives (Stopwatch timestamps), and completes <see cref="Idle"/>
/// when the process has answered them all and is blocked on the next <c>GET next</c>. Request ids are
/// <c>bench-1</c>, <c>bench-2</c>, ... so a response is matched to its <c>GET next</c>.
/// </summary>
internal sealed class BenchRuntimeApi : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly byte[] _payload;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<long> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _firstResponse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serving;
    private readonly long[] _nextAt;
    private readonly long[] _responseAt;
    private int _nextCalls;
    private int _responses;

    private BenchRuntimeApi(HttpListener listener, int port, byte[] payload, int invocations)
    {
        _listener = listener;
        _payload = payload;
        Invocations = invocations;
        _nextAt = new long[invocations];
        _responseAt = new long[invocations];
        Address = $"127.0.0.1:{port}";
        _serving = Task.Run(ServeAsync);
    }

    public string Address { get; }

    public int Invocations { get; }

    /// <summary>When the first <c>GET /runtime/invocation/next</c> arrived: the end of cold init.</summary>
    public Task<long> FirstNext => _firstNext.Task;

    /// <summary>When the first response was posted.</summary>
    public Task<long> FirstResponse => _firstResponse.Task;

    /// <summary>All invocations answered and the process waits for more.</summary>
    public Task<long> Idle => _idle.Task;

    /// <summary>Milliseconds from the <paramref name="invocation"/>-th <c>GET next</c> (1-based) to its posted
    /// response; valid once <see cref="Idle"/> has completed.</summary>
    public double InvocationMs(int invocation) =>
        Stopwatch.GetElapsedTime(_nextAt[invocation - 1], _responseAt[invocation - 1]).TotalMilliseconds;

    public static BenchRuntimeApi Start(byte[] payload, int invocations)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new BenchRuntimeApi(listener, port, payload, invocations);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException)
        {
        }
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }
            var arrived = Stopwatch.GetTimestamp();
            _ = Task.Run(() => HandleAsync(context, arrived));
        }
    }

    private async Task HandleAsync(HttpListenerContext context, long arrived)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }
            if (context.Request.HttpMethod == "GET" && path.EndsWith("/runtime/invocation/next", StringComparison.Ordinal))
            {
                var call = Interlocked.Increment(ref _nextCalls);
                if (call == 1)
                {
                    _firstNext.TrySetResult(arrived);
                }
                if (call <= Invocations)
                {
                    _nextAt[call - 1] = arrived;
                }
                else
                {
                    _idle.TrySetResult(arrived);
                    return; // Never answered: the process stays blocked here, as in a warm sandbox.
                }
                var headers = context.Response.Headers;
                headers["Lambda-Runtime-Aws-Request-Id"] = $"bench-{call}";
                headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:bench";
                headers["Lambda-Runtime-Trace-Id"] = $"Root=1-00000000-{call:D24};Sampled=0";
                await WriteAsync(context.Response, HttpStatusCode.OK, _payload).ConfigureAwait(false);
            }
            else if (context.Request.HttpMethod == "POST" && path.EndsWith("/response", StringComparison.Ordinal))
            {
                var segments = path.Split('/');
                if (segments.Length >= 2 && segments[^2].StartsWith("bench-", StringComparison.Ordinal)
                    && int.TryParse(segments[^2]["bench-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var invocation)
                    && invocation >= 1 && invocation <= Invocations)
                {
                    _responseAt[invocation - 1] = arrived;
                }
                await WriteAsync(context.Response, HttpStatusCode.Accepted, "{}"u8.ToArray()).ConfigureAwait(false);
                if (Interlocked.Increment(ref _responses) == 1)
                {
                    _firstResponse.TrySetResult(arrived);
                }
            }
            else
            {
                // An error (or anything else) means the measured run is not the happy path: stop.
                await WriteAsync(context.Response, HttpStatusCode.Accepted, "{}"u8.ToArray()).ConfigureAwait(false);
                var failure = new InvalidOperationException($"{context.Request.HttpMethod} {path}: {body}");
                _firstNext.TrySetException(failure);
                _firstResponse.TrySetException(failure);
                _idle.TrySetException(failure);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The measured process was killed mid-request.
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, HttpStatusCode status, byte[] body)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }
}
