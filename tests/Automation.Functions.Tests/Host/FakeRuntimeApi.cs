using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

using Automation.Functions.Host;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// An in-test Lambda Runtime API (2018-06-01) on 127.0.0.1: queued events are handed out by
/// <c>GET /runtime/invocation/next</c>, and what the runtime posts back completes the task that
/// <see cref="Enqueue"/> returned.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:contract-test";

    private readonly HttpListener _listener;
    private readonly Channel<QueuedInvocation> _queue = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationOutcome>> _outcomes = new();
    private readonly TaskCompletionSource<PostedError> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _nextRequests;

    private FakeRuntimeApi(HttpListener listener, int port)
    {
        _listener = listener;
        Address = $"127.0.0.1:{port}";
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; }

    /// <summary>How many <c>GET next</c> calls arrived (including one still waiting).</summary>
    public int NextRequests => Volatile.Read(ref _nextRequests);

    /// <summary>Completes when the runtime posts to <c>/runtime/init/error</c>.</summary>
    public Task<PostedError> InitError => _initError.Task;

    public static FakeRuntimeApi Start()
    {
        // HttpListener cannot bind port 0: borrow a free port from the OS, then listen on it
        // (retrying in the unlikely case another process takes it in between).
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
                return new FakeRuntimeApi(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>
    /// Queues an event; the task completes with what the runtime posts back for it. <paramref name="chunked"/> hands it
    /// out without a <c>Content-Length</c> (chunked transfer coding), which the real Runtime API does not do.
    /// </summary>
    public Task<InvocationOutcome> Enqueue(string payload, DateTimeOffset deadline, string? traceId = null, string? requestId = null, bool chunked = false)
    {
        var id = requestId ?? Guid.NewGuid().ToString();
        var outcome = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(_outcomes.TryAdd(id, outcome), $"request id {id} queued twice");
        Assert.True(_queue.Writer.TryWrite(new QueuedInvocation(id, payload, deadline, traceId, chunked)));
        return outcome.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or OperationCanceledException)
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
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }
            // GET next blocks until an event is queued, so each request is served on its own.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        try
        {
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }
            var errorType = request.Headers[RuntimeApiHeaders.FunctionErrorType];
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            switch (request.HttpMethod, segments)
            {
                case ("GET", ["2018-06-01", "runtime", "invocation", "next"]):
                    Interlocked.Increment(ref _nextRequests);
                    var next = await _queue.Reader.ReadAsync(_stop.Token);
                    response.Headers[RuntimeApiHeaders.RequestId] = next.RequestId;
                    response.Headers[RuntimeApiHeaders.DeadlineMs] = next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                    response.Headers[RuntimeApiHeaders.InvokedFunctionArn] = FunctionArn;
                    if (next.TraceId is not null)
                    {
                        response.Headers[RuntimeApiHeaders.TraceId] = next.TraceId;
                    }
                    await WriteAsync(response, HttpStatusCode.OK, next.Payload, next.Chunked);
                    return;
                case ("POST", ["2018-06-01", "runtime", "invocation", var id, "response"]):
                    await WriteAsync(response, HttpStatusCode.Accepted, """{"status":"OK"}""");
                    Complete(id, new InvocationOutcome(id, body, null));
                    return;
                case ("POST", ["2018-06-01", "runtime", "invocation", var id, "error"]):
                    await WriteAsync(response, HttpStatusCode.Accepted, """{"status":"OK"}""");
                    Complete(id, new InvocationOutcome(id, null, new PostedError(errorType, body)));
                    return;
                case ("POST", ["2018-06-01", "runtime", "init", "error"]):
                    await WriteAsync(response, HttpStatusCode.Accepted, """{"status":"OK"}""");
                    _initError.TrySetResult(new PostedError(errorType, body));
                    return;
                default:
                    await WriteAsync(response, HttpStatusCode.NotFound, $$"""{"errorMessage":"no route {{request.HttpMethod}} {{path}}"}""");
                    return;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The test is over, or the runtime went away mid-request.
        }
    }

    private void Complete(string requestId, InvocationOutcome outcome)
    {
        if (_outcomes.TryGetValue(requestId, out var pending))
        {
            pending.TrySetResult(outcome);
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, HttpStatusCode status, string body, bool chunked = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        if (chunked)
        {
            response.SendChunked = true;
        }
        else
        {
            response.ContentLength64 = bytes.Length;
        }

        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private sealed record QueuedInvocation(string RequestId, string Payload, DateTimeOffset Deadline, string? TraceId, bool Chunked);
}

/// <summary>What the runtime posted for one invocation: a response body, or an error.</summary>
internal sealed record InvocationOutcome(string RequestId, string? Response, PostedError? Error)
{
    public JsonElement ResponseJson()
    {
        Assert.True(Error is null, $"expected a response for {RequestId}, got error {Error?.Body}");
        return JsonDocument.Parse(Response!).RootElement.Clone();
    }

    public PostedError RequireError()
    {
        Assert.True(Error is not null, $"expected an error for {RequestId}, got response {Response}");
        return Error;
    }
}

/// <summary>An error document posted to the Runtime API, with its error-type header.</summary>
internal sealed record PostedError(string? ErrorTypeHeader, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string ErrorType => Json.GetProperty("errorType").GetString()!;

    public string ErrorMessage => Json.GetProperty("errorMessage").GetString()!;

    public IReadOnlyList<string> StackTrace =>
        Json.GetProperty("stackTrace").EnumerateArray().Select(e => e.GetString()!).ToList();
}
