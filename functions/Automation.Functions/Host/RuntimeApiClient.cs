using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Automation.Functions.Host;

/// <summary>
/// Client for the Lambda Runtime API (<c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01</c>): fetch the next
/// invocation, post its response or error, or report an init failure.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly string _functionName;

    /// <param name="runtimeApi">The <c>host:port</c> from <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    /// <param name="functionName">Copied into every <see cref="InvocationContext"/>.</param>
    public RuntimeApiClient(string runtimeApi, string functionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        _functionName = functionName;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // The Runtime API is a local endpoint: never route it through HTTP(S)_PROXY, and skip
            // the proxy discovery work at cold start.
            UseProxy = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            // GET next blocks until an event arrives, which may be minutes; it must not time out.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Blocks until Lambda hands out the next event.</summary>
    public async Task<Invocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        byte[] payload = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException("GET /runtime/invocation/next", response.StatusCode, Encoding.UTF8.GetString(payload));
        }

        var requestId = Header(response, RuntimeApiHeaders.RequestId)
            ?? throw new RuntimeApiException("GET /runtime/invocation/next", response.StatusCode, $"missing {RuntimeApiHeaders.RequestId} header");
        var context = new InvocationContext(
            requestId,
            Header(response, RuntimeApiHeaders.InvokedFunctionArn) ?? string.Empty,
            ParseDeadline(Header(response, RuntimeApiHeaders.DeadlineMs)),
            Header(response, RuntimeApiHeaders.TraceId),
            _functionName);
        return new Invocation(context, payload);
    }

    /// <summary>Posts the step's response, UTF-8 JSON as the step wrote it.</summary>
    public Task PostResponseAsync(string requestId, byte[] responseJson, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(responseJson);
        content.Headers.ContentType = Json;
        return PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, errorType: null, cancellationToken);
    }

    public Task PostInvocationErrorAsync(string requestId, InvocationError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", ErrorContent(error), error.ErrorType, cancellationToken);
    }

    public Task PostInitErrorAsync(InvocationError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return PostAsync("runtime/init/error", ErrorContent(error), error.ErrorType, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, errorType);
        }
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new RuntimeApiException($"POST /{path}", response.StatusCode, body);
        }
    }

    private static ByteArrayContent ErrorContent(InvocationError error)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeApiJsonContext.Default.InvocationError));
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>
    /// The body as sent: read straight into one array of its <c>Content-Length</c> (the Runtime API always sends one), so
    /// a payload is neither buffered twice nor decoded to UTF-16 on the way to the step.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is not { } length || length > Array.MaxLength)
        {
            return await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        var body = new byte[length];
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return body;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Epoch milliseconds; a missing or garbled header means "no deadline known".</summary>
    private static DateTimeOffset ParseDeadline(string? epochMs) =>
        long.TryParse(epochMs, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
}
