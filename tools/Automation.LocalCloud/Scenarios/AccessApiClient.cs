using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Routing;

namespace Automation.LocalCloud.Scenarios;

/// <summary>Calls the router's access API as a verified caller would (what <c>awscurl</c> does against API Gateway).</summary>
public sealed class AccessApiClient(HttpClient http, Uri router, string? stackName)
{
    public async Task<AccessResponse> CallAsync(string action, string caller, string? requestId, JsonNode? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (method, path) = AccessApiContract.RequestFor(action, requestId);
        using var message = new HttpRequestMessage(new HttpMethod(method), new Uri(router, path.TrimStart('/')));
        message.Headers.TryAddWithoutValidation(AccessApiContract.CallerHeader, caller);
        if (stackName is not null)
        {
            message.Headers.TryAddWithoutValidation(AccessApiContract.StackHeader, stackName);
        }

        if (method == "POST")
        {
            message.Content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? parsed;
        try
        {
            parsed = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            parsed = JsonValue.Create(text);
        }

        var status = (int)response.StatusCode;
        string? error = null;
        string? cause = null;
        if (status >= 300)
        {
            error = (parsed as JsonObject)?["error"]?.ToString()
                    ?? (response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.FirstOrDefault() : null);
            cause = (parsed as JsonObject)?["cause"]?.ToString() ?? (parsed as JsonObject)?["message"]?.ToString();
        }

        var apiRun = response.Headers.TryGetValues(AccessApiContract.ExecutionHeader, out var runs) ? runs.FirstOrDefault() : null;
        return new AccessResponse(status, parsed, error, cause, apiRun);
    }
}
