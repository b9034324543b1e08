namespace Automation.LocalCloud.Routing;

/// <summary>
/// The break-glass access API (issue 11, spec §4) as the router serves it: routes, the caller header that
/// stands for API Gateway's verified AWS_IAM identity, the state machine it runs, and how the run's end
/// becomes the HTTP answer. In AWS this is an API Gateway REST API with AWS_IAM auth whose integration
/// runs the state machine (StartSyncExecution) through mapping templates: <b>the template's request and
/// response mapping templates must match what is here</b> (routes, input shape, status codes) — a template
/// test checks them against these constants.
/// </summary>
public static class AccessApiContract
{
    /// <summary>Logical id (template.yaml) of the Express state machine the API runs.</summary>
    public const string StateMachineLogicalId = "BreakGlassApiStateMachine";

    /// <summary>The verified caller's IAM ARN (API Gateway: <c>$context.identity.userArn</c>). Absent: 403.</summary>
    public const string CallerHeader = "X-LocalCloud-Caller";

    /// <summary>Optional: which deployed stack's API to call (its name); default the last deployed stack that has one.</summary>
    public const string StackHeader = "X-LocalCloud-Stack";

    /// <summary>The ARN of the API's own execution, on every answer that ran one (local cloud only).</summary>
    public const string ExecutionHeader = "X-LocalCloud-Execution-Arn";

    /// <summary>Where the API lives on the router: <c>http://ROUTER/access/requests...</c>.</summary>
    public const string PathPrefix = "/access";

    /// <summary><c>$context.identity.sourceIp</c> for every local call.</summary>
    public const string SourceIp = "127.0.0.1";

    /// <summary>A successful run's HTTP status when its output has no <c>statusCode</c>.</summary>
    public const int DefaultStatusCode = 200;

    /// <summary>The HTTP status of a failed run whose error is not in <see cref="ErrorStatus"/> (and of a timed-out or aborted one).</summary>
    public const int UnmappedErrorStatus = 500;

    /// <summary>How long API Gateway waits for its integration (29 s) before answering 504.</summary>
    public static readonly TimeSpan IntegrationTimeout = TimeSpan.FromSeconds(29);

    /// <summary>The routes, under <see cref="PathPrefix"/>. A null action: the <c>{action}</c> path segment.</summary>
    public static IReadOnlyList<AccessRoute> Routes { get; } =
    [
        new("POST", "/requests", "request"),
        new("GET", "/requests/{id}", "get"),
        new("POST", "/requests/{id}/{action}", null),
    ];

    /// <summary>The actions the break-glass API state machine knows (spec §4); the router passes any <c>{action}</c> on.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["request", "approve", "reject", "done", "extend", "approve-extension", "review", "get"];

    /// <summary>Error of a FAILED run → HTTP status; any other error is <see cref="UnmappedErrorStatus"/>.</summary>
    public static IReadOnlyDictionary<string, int> ErrorStatus { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["InvalidInput"] = 400,
        ["AccessRefused"] = 400,
        ["ApprovalNotAllowed"] = 403,
        ["AccessRequestNotFound"] = 404,
        ["ConcurrentModification"] = 409,
    };

    public static int StatusFor(string? error) =>
        error is not null && ErrorStatus.TryGetValue(error, out var status) ? status : UnmappedErrorStatus;

    /// <summary>The action and request id of a request to the API (path without <see cref="PathPrefix"/>), or null: no such route.</summary>
    public static (string Action, string RequestId)? Match(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Trim('/').Split('/', StringSplitOptions.None);
        if (segments.Length == 0 || segments[0] != "requests" || segments.Any(s => s.Length == 0))
        {
            return null;
        }

        foreach (var route in Routes.Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)))
        {
            var template = route.Path.Trim('/').Split('/');
            if (template.Length != segments.Length)
            {
                continue;
            }

            string? id = null;
            var action = route.Action;
            var matches = true;
            for (var i = 0; i < template.Length && matches; i++)
            {
                switch (template[i])
                {
                    case "{id}":
                        id = Uri.UnescapeDataString(segments[i]);
                        break;
                    case "{action}":
                        action = Uri.UnescapeDataString(segments[i]);
                        break;
                    default:
                        matches = template[i] == segments[i];
                        break;
                }
            }

            if (matches && action is not null)
            {
                return (action, id ?? string.Empty);
            }
        }

        return null;
    }

    /// <summary>The HTTP method and path (with <see cref="PathPrefix"/>) that call an action: what a client (the scenario runner) sends.</summary>
    public static (string Method, string Path) RequestFor(string action, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action == "request")
        {
            return ("POST", $"{PathPrefix}/requests");
        }

        if (string.IsNullOrEmpty(requestId))
        {
            throw new ArgumentException($"The access action '{action}' needs a request id.", nameof(requestId));
        }

        var id = Uri.EscapeDataString(requestId);
        return action == "get"
            ? ("GET", $"{PathPrefix}/requests/{id}")
            : ("POST", $"{PathPrefix}/requests/{id}/{Uri.EscapeDataString(action)}");
    }
}

/// <summary>One route of the access API: method, path template under <see cref="AccessApiContract.PathPrefix"/>, action.</summary>
public sealed record AccessRoute(string Method, string Path, string? Action);
