using System.Collections.Concurrent;
using System.Security;

namespace Automation.LocalCloud.Routing;

/// <summary>
/// Errors a scenario asks for on a query-protocol service (<c>arrange.faults</c> with <c>service: iam</c>): the
/// router answers the named actions (the form's <c>Action=</c>) with the service's XML error instead of moto,
/// e.g. IAM DeleteRolePolicy failing with ServiceFailure (HTTP 500) once. Whoever calls — the interpreter's
/// aws-sdk integrations or a handler's SDK client — sees the error.
/// </summary>
public sealed class QueryFaultInjector
{
    private readonly ConcurrentDictionary<string, List<State>> _rules = new(StringComparer.OrdinalIgnoreCase);

    public void Add(QueryFaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var rules = _rules.GetOrAdd(rule.Service, _ => []);
        lock (rules)
        {
            rules.Add(new State(rule));
        }
    }

    /// <summary>Drops every rule of a service (a scenario's, once it is over).</summary>
    public void Remove(string service) => _rules.TryRemove(service, out _);

    public bool Watches(string service) => _rules.ContainsKey(service);

    /// <summary>How many requests were refused for a service so far.</summary>
    public int InjectedCount(string service)
    {
        if (!_rules.TryGetValue(service, out var rules))
        {
            return 0;
        }

        lock (rules)
        {
            return rules.Sum(r => r.Injected);
        }
    }

    /// <summary>The rule whose error to answer, or null to let the request through.</summary>
    public QueryFaultRule? Decide(string service, string action)
    {
        if (!_rules.TryGetValue(service, out var rules))
        {
            return null;
        }

        lock (rules)
        {
            return rules.FirstOrDefault(r => r.TryConsume(action))?.Rule;
        }
    }

    /// <summary>The HTTP status the service answers the error with (IAM's documented ones; 400 otherwise).</summary>
    public static int StatusOf(QueryFaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.ErrorCode switch
        {
            "ServiceFailure" or "InternalFailure" => 500,
            "ServiceUnavailable" => 503,
            "NoSuchEntity" => 404,
            "EntityAlreadyExists" or "DeleteConflict" or "LimitExceeded" or "ConcurrentModification" or "EntityTemporarilyUnmodifiable" => 409,
            _ => 400,
        };
    }

    /// <summary>The query protocol's error document (IAM's shape: ErrorResponse / Error / Type, Code, Message).</summary>
    public static string ErrorDocument(QueryFaultRule rule, string requestId)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var type = StatusOf(rule) >= 500 ? "Receiver" : "Sender";
        return $"<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>{type}</Type>" +
               $"<Code>{SecurityElement.Escape(rule.ErrorCode)}</Code><Message>{SecurityElement.Escape(rule.Message)}</Message></Error>" +
               $"<RequestId>{requestId}</RequestId></ErrorResponse>";
    }

    private sealed class State(QueryFaultRule rule)
    {
        public QueryFaultRule Rule { get; } = rule;

        public int Injected { get; private set; }

        // Called under the service's lock.
        public bool TryConsume(string action)
        {
            if (!Rule.Operations.Contains(action, StringComparer.Ordinal) || (Rule.Times is { } times && Injected >= times))
            {
                return false;
            }

            Injected++;
            return true;
        }
    }
}

/// <summary>An error answered for the named actions of a query-protocol service (signing name, e.g. <c>iam</c>).</summary>
/// <param name="Times">How many matching requests fail; null: every one.</param>
public sealed record QueryFaultRule(string Service, IReadOnlyList<string> Operations, string ErrorCode, int? Times, string? CustomMessage = null)
{
    public string Message => (CustomMessage ?? ErrorCode switch
    {
        "ServiceFailure" => "The request processing has failed because of an unknown error, exception or failure.",
        "Throttling" => "Rate exceeded",
        _ => $"{ErrorCode} for {string.Join(", ", Operations)}.",
    }) + " (injected by the local cloud)";
}
