using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Automation.LocalCloud.Aws;

/// <summary>
/// S3's REST-XML protocol for <see cref="AwsClient"/>, for the actions the local cloud needs (the
/// deployer's bucket settings; scenario checks on buckets and objects), path-style. Requests and
/// answers are JSON in the shapes of the API reference (and of the AWS CLI's output): e.g.
/// <c>GetBucketEncryption</c> → <c>{ServerSideEncryptionConfiguration: {Rules: [...]}}</c>,
/// <c>ListObjectsV2</c> → <c>{Contents: [{Key, Size, ...}], KeyCount}</c>, <c>GetObject</c> →
/// <c>{Body, BodyJson | BodyJsonLines, ContentType, ContentLength, ServerSideEncryption, ...}</c>.
/// Leaves stay strings except true/false (the matchers compare numbers with numeric strings).
/// </summary>
internal static class S3Rest
{
    private sealed record Operation(string Method, string? SubResource, bool HasKey = false, string? Payload = null, bool PayloadIsRoot = false);

    // Payload: the request member sent as the XML body (or, for a Get, the root element kept as a
    // member of the answer when PayloadIsRoot).
    private static readonly Dictionary<string, Operation> Operations = new(StringComparer.Ordinal)
    {
        ["ListBuckets"] = new("GET", null),
        ["CreateBucket"] = new("PUT", null),
        ["HeadBucket"] = new("HEAD", null),
        ["DeleteBucket"] = new("DELETE", null),
        ["PutBucketEncryption"] = new("PUT", "encryption", Payload: "ServerSideEncryptionConfiguration"),
        ["GetBucketEncryption"] = new("GET", "encryption", PayloadIsRoot: true),
        ["PutPublicAccessBlock"] = new("PUT", "publicAccessBlock", Payload: "PublicAccessBlockConfiguration"),
        ["GetPublicAccessBlock"] = new("GET", "publicAccessBlock", PayloadIsRoot: true),
        ["PutBucketOwnershipControls"] = new("PUT", "ownershipControls", Payload: "OwnershipControls"),
        ["GetBucketOwnershipControls"] = new("GET", "ownershipControls", PayloadIsRoot: true),
        ["PutBucketLifecycleConfiguration"] = new("PUT", "lifecycle", Payload: "LifecycleConfiguration"),
        ["GetBucketLifecycleConfiguration"] = new("GET", "lifecycle"),
        ["PutBucketVersioning"] = new("PUT", "versioning", Payload: "VersioningConfiguration"),
        ["GetBucketVersioning"] = new("GET", "versioning"),
        ["PutBucketTagging"] = new("PUT", "tagging", Payload: "Tagging"),
        ["GetBucketTagging"] = new("GET", "tagging"),
        ["PutBucketPolicy"] = new("PUT", "policy", Payload: "Policy"),
        ["GetBucketPolicy"] = new("GET", "policy", Payload: "Policy"),
        ["ListObjectsV2"] = new("GET", null),
        ["PutObject"] = new("PUT", null, HasKey: true, Payload: "Body"),
        ["GetObject"] = new("GET", null, HasKey: true),
        ["HeadObject"] = new("HEAD", null, HasKey: true),
        ["DeleteObject"] = new("DELETE", null, HasKey: true),
    };

    // Request members sent as headers (PutObject), and answer headers reported (GetObject, HeadObject).
    private static readonly (string Member, string Header)[] ObjectHeaders =
    [
        ("ContentType", "Content-Type"), ("ServerSideEncryption", "x-amz-server-side-encryption"),
        ("SSEKMSKeyId", "x-amz-server-side-encryption-aws-kms-key-id"), ("BucketKeyEnabled", "x-amz-server-side-encryption-bucket-key-enabled"),
        ("ContentLength", "Content-Length"), ("ETag", "ETag"), ("LastModified", "Last-Modified"), ("Expiration", "x-amz-expiration"),
    ];

    // List members: JSON name → XML element repeated in place (flattened) or inside a wrapper element.
    private static readonly Dictionary<string, string> Flattened = new(StringComparer.Ordinal)
    {
        ["Rules"] = "Rule",
        ["Transitions"] = "Transition",
        ["NoncurrentVersionTransitions"] = "NoncurrentVersionTransition",
        ["Contents"] = "Contents",
        ["CommonPrefixes"] = "CommonPrefixes",
    };

    private static readonly Dictionary<string, string> Wrapped = new(StringComparer.Ordinal)
    {
        ["TagSet"] = "Tag",
        ["Buckets"] = "Bucket",
    };

    public static IEnumerable<string> Actions => Operations.Keys;

    public static HttpRequestMessage Request(Uri endpoint, string action, JsonObject? request)
    {
        var operation = Operations.GetValueOrDefault(action)
                        ?? throw new ArgumentException($"The local cloud's client does not speak s3.{action} (known: {string.Join(", ", Operations.Keys)}).", nameof(action));
        request ??= [];
        var path = new StringBuilder("/");
        if (request["Bucket"]?.GetValue<string>() is { } bucket)
        {
            path.Append(Uri.EscapeDataString(bucket));
            if (operation.HasKey)
            {
                var key = request["Key"]?.GetValue<string>() ?? throw new ArgumentException($"s3.{action} needs a Key.", nameof(request));
                path.Append('/').Append(string.Join('/', key.Split('/').Select(Uri.EscapeDataString)));
            }
        }

        var query = new List<string>();
        if (operation.SubResource is not null)
        {
            query.Add(operation.SubResource);
        }

        if (action == "ListObjectsV2")
        {
            query.Add("list-type=2");
            foreach (var (member, parameter) in new[] { ("Prefix", "prefix"), ("MaxKeys", "max-keys"), ("ContinuationToken", "continuation-token"), ("Delimiter", "delimiter"), ("StartAfter", "start-after") })
            {
                if (request[member] is { } value)
                {
                    query.Add($"{parameter}={Uri.EscapeDataString(Text(value))}");
                }
            }
        }

        var uri = new Uri(endpoint, path + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty));
        var message = new HttpRequestMessage(new HttpMethod(operation.Method), uri);
        byte[]? body = null;
        if (operation is { Method: "PUT", Payload: { } payload } && request[payload] is { } content)
        {
            body = payload is "Body" or "Policy"
                ? Encoding.UTF8.GetBytes(content is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : content.ToJsonString())
                : Encoding.UTF8.GetBytes(new XDocument(ToXml(payload, content)).ToString(SaveOptions.DisableFormatting));
        }

        message.Content = new ByteArrayContent(body ?? []);
        message.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        if (operation.HasKey && operation.Method == "PUT")
        {
            foreach (var (member, header) in ObjectHeaders.Where(h => h.Header.StartsWith("x-amz-", StringComparison.Ordinal) || h.Member == "ContentType"))
            {
                if (request[member] is { } value)
                {
                    if (header == "Content-Type")
                    {
                        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Text(value));
                    }
                    else
                    {
                        message.Headers.TryAddWithoutValidation(header, Text(value));
                    }
                }
            }
        }

        return message;
    }

    public static JsonObject Answer(string action, HttpResponseMessage response, string body)
    {
        var operation = Operations[action];
        if (!response.IsSuccessStatusCode)
        {
            var error = TryParse(body)?.Root;
            var code = error?.Element("Code")?.Value ?? (response.StatusCode == HttpStatusCode.NotFound ? "NotFound" : response.StatusCode.ToString());
            var message = error?.Element("Message")?.Value ?? (body.Length <= 500 ? body : body[..500] + "...");
            throw new AwsServiceException("s3", action, response.StatusCode, code, message);
        }

        if (operation.HasKey && operation.Method is "GET" or "HEAD")
        {
            var answer = new JsonObject();
            foreach (var (member, header) in ObjectHeaders)
            {
                if (HeaderValue(response, header) is { } value)
                {
                    answer[member] = member == "BucketKeyEnabled" ? value == "true" : value;
                }
            }

            if (operation.Method == "GET")
            {
                answer["Body"] = body;
                if (ParseJson(body) is { } json)
                {
                    answer["BodyJson"] = json;
                }
                else if (JsonLines(body) is { } lines)
                {
                    answer["BodyJsonLines"] = lines;
                }
            }

            return answer;
        }

        if (operation is { Method: "PUT", HasKey: true })
        {
            var put = new JsonObject();
            foreach (var (member, header) in ObjectHeaders.Where(h => h.Member is "ETag" or "ServerSideEncryption"))
            {
                if (HeaderValue(response, header) is { } value)
                {
                    put[member] = value;
                }
            }

            return put;
        }

        if (action == "GetBucketPolicy")
        {
            return new JsonObject { ["Policy"] = body };
        }

        if (action == "CreateBucket")
        {
            return new JsonObject { ["Location"] = HeaderValue(response, "Location") };
        }

        var document = TryParse(body);
        if (document?.Root is not { } root)
        {
            return [];
        }

        var parsed = FromXml(root) as JsonObject ?? [];
        return operation.PayloadIsRoot ? new JsonObject { [root.Name.LocalName] = parsed } : parsed;
    }

    private static string? HeaderValue(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values)
            ? string.Join(",", values)
            : null;

    private static XDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return XDocument.Parse(body);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static JsonNode? ParseJson(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonArray? JsonLines(string body)
    {
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = new JsonArray();
        foreach (var line in lines)
        {
            if (ParseJson(line) is not { } node)
            {
                return null;
            }

            parsed.Add(node);
        }

        return parsed.Count > 0 ? parsed : null;
    }

    private static string Text(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString();

    private static XElement ToXml(string name, JsonNode? node)
    {
        var element = new XElement(XName.Get(name, "http://s3.amazonaws.com/doc/2006-03-01/"));
        Fill(element, node);
        return element;
    }

    private static void Fill(XElement element, JsonNode? node)
    {
        var ns = element.Name.Namespace;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (member, value) in obj)
                {
                    if (value is JsonArray list && Flattened.TryGetValue(member, out var item))
                    {
                        foreach (var entry in list)
                        {
                            var child = new XElement(ns + item);
                            Fill(child, entry);
                            element.Add(child);
                        }
                    }
                    else if (value is JsonArray wrapped && Wrapped.TryGetValue(member, out var wrappedItem))
                    {
                        var wrapper = new XElement(ns + member);
                        foreach (var entry in wrapped)
                        {
                            var child = new XElement(ns + wrappedItem);
                            Fill(child, entry);
                            wrapper.Add(child);
                        }

                        element.Add(wrapper);
                    }
                    else
                    {
                        var child = new XElement(ns + member);
                        Fill(child, value);
                        element.Add(child);
                    }
                }

                break;
            case JsonValue value:
                element.Value = Text(value);
                break;
            default:
                break;
        }
    }

    private static JsonNode? FromXml(XElement element)
    {
        var children = element.Elements().ToList();
        if (children.Count == 0)
        {
            return element.Value switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                var text => JsonValue.Create(text),
            };
        }

        var obj = new JsonObject();
        foreach (var group in children.GroupBy(c => c.Name.LocalName))
        {
            var name = group.Key;
            var flattenedAs = Flattened.FirstOrDefault(f => f.Value == name).Key;
            if (flattenedAs is not null)
            {
                obj[flattenedAs] = new JsonArray([.. group.Select(FromXml)]);
            }
            else if (Wrapped.TryGetValue(name, out var item))
            {
                obj[name] = new JsonArray([.. group.SelectMany(w => w.Elements()).Where(e => e.Name.LocalName == item).Select(FromXml)]);
            }
            else
            {
                obj[name] = FromXml(group.Last());
            }
        }

        return obj;
    }
}
