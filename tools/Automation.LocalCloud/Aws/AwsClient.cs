using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Automation.LocalCloud.Aws;

/// <summary>
/// A small, generic client for the local cloud: any action of the services in <see cref="AwsService"/>,
/// with requests and responses as JSON trees (S3: the actions of <see cref="S3Rest"/>). The SDK clients for Step Functions, IAM, CloudWatch and
/// EventBridge are not obtainable here (DESIGN.md §4), and the scenario files address APIs by name
/// anyway. Requests carry a well-formed but unsigned SigV4 header: moto reads the region and service
/// from its credential scope and does not check signatures. Never point this at real AWS.
/// </summary>
public sealed class AwsClient(HttpClient http, Uri endpoint)
{
    public Uri Endpoint { get; } = endpoint;

    public Task<JsonObject> CallAsync(string service, string action, JsonObject? request = null, CancellationToken cancellationToken = default) =>
        CallAsync(AwsService.Find(service), action, request, cancellationToken);

    public async Task<JsonObject> CallAsync(AwsService service, string action, JsonObject? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        using var message = service.IsRestXml
            ? S3Rest.Request(Endpoint, action, request)
            : service.IsJson ? JsonRequest(service, action, request) : QueryRequest(service, action, request);
        var now = DateTime.UtcNow;
        message.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={LocalAccount.AccessKeyId}/{now:yyyyMMdd}/{LocalAccount.Region}/{service.SigningName}/aws4_request, " +
            "SignedHeaders=host;x-amz-date, Signature=00");
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (service.IsRestXml)
        {
            return S3Rest.Answer(action, response, body);
        }

        return service.IsJson
            ? ParseJson(service, action, response, body)
            : ParseQuery(service, action, response, body);
    }

    private HttpRequestMessage JsonRequest(AwsService service, string action, JsonObject? request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(request?.ToJsonString() ?? "{}", Encoding.UTF8),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{service.JsonVersion}");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{service.TargetPrefix}.{action}");
        return message;
    }

    private HttpRequestMessage QueryRequest(AwsService service, string action, JsonObject? request)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Action", action),
            new("Version", service.QueryVersion!),
        };
        if (request is not null)
        {
            Flatten(request, prefix: null, form);
        }

        return new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new FormUrlEncodedContent(form) };
    }

    /// <summary>Query protocol parameters: nested members joined with '.', lists as <c>member.N</c>.</summary>
    private static void Flatten(JsonNode? node, string? prefix, List<KeyValuePair<string, string>> form)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Flatten(value, prefix is null ? key : $"{prefix}.{key}", form);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{prefix}.member.{i + 1}", form);
                }

                break;
            case JsonValue value when prefix is not null:
                form.Add(new(prefix, value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.ToJsonString(),
                }));
                break;
            default:
                break;
        }
    }

    private static JsonObject ParseJson(AwsService service, string action, HttpResponseMessage response, string body)
    {
        JsonNode? parsed = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                parsed = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                // Not JSON (e.g. an HTML 500 page): reported below with the raw text.
            }
        }

        if (response.IsSuccessStatusCode && parsed is JsonObject ok)
        {
            return ok;
        }

        if (response.IsSuccessStatusCode && string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        var type = parsed?["__type"]?.GetValue<string>()
                   ?? response.Headers.GetValues("x-amzn-ErrorType").FirstOrDefault()
                   ?? response.StatusCode.ToString();
        var messageText = parsed?["message"]?.GetValue<string>() ?? parsed?["Message"]?.GetValue<string>() ?? Truncate(body);
        throw new AwsServiceException(service.Name, action, response.StatusCode, ShortCode(type), messageText);
    }

    private static JsonObject ParseQuery(AwsService service, string action, HttpResponseMessage response, string body)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(body);
        }
        catch (System.Xml.XmlException)
        {
            throw new AwsServiceException(service.Name, action, response.StatusCode, response.StatusCode.ToString(), Truncate(body));
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? response.StatusCode.ToString();
            var messageText = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? Truncate(body);
            throw new AwsServiceException(service.Name, action, response.StatusCode, code, messageText);
        }

        var result = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == $"{action}Result");
        return result is null ? [] : XmlToJson(result) as JsonObject ?? [];
    }

    /// <summary>Query-protocol XML as JSON: elements with children become objects, <c>member</c>
    /// lists become arrays, leaves stay strings (numbers included: the XML does not say).</summary>
    private static JsonNode? XmlToJson(XElement element)
    {
        var children = element.Elements().ToList();
        if (children.Count == 0)
        {
            // IAM returns policy documents URL-encoded; other leaves are plain text.
            return JsonValue.Create(element.Name.LocalName.EndsWith("Document", StringComparison.Ordinal)
                ? Uri.UnescapeDataString(element.Value)
                : element.Value);
        }

        if (children.All(c => c.Name.LocalName == "member"))
        {
            return new JsonArray([.. children.Select(XmlToJson)]);
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[child.Name.LocalName] = XmlToJson(child);
        }

        return obj;
    }

    private static string ShortCode(string type)
    {
        var hash = type.LastIndexOf('#');
        var code = hash >= 0 ? type[(hash + 1)..] : type;
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "...";

    /// <summary>True for the error codes of a missing resource, whatever the service calls them.</summary>
    public static bool IsNotFound(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Status == HttpStatusCode.NotFound
               || error.Code is "ResourceNotFoundException" or "ResourceNotFound" or "NoSuchEntity"
                   or "StateMachineDoesNotExist" or "ExecutionDoesNotExist";
    }
}
