using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Routing;

/// <summary>Answers DynamoDB data-plane requests with a throttling error where a scenario asks for it.</summary>
public sealed class ThrottleInjector
{
    private static readonly HashSet<string> DataPlane = new(StringComparer.Ordinal)
    {
        "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
        "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems",
    };

    private readonly ConcurrentDictionary<string, State> _rules = new(StringComparer.Ordinal);

    public void Add(ThrottleRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rules[rule.Table] = new State(rule);
    }

    public void Remove(string table) => _rules.TryRemove(table, out _);

    /// <summary>How many requests were refused for a table so far.</summary>
    public int InjectedCount(string table) => _rules.TryGetValue(table, out var state) ? state.Injected : 0;

    /// <summary>The error code to answer with, or null to let the request through.</summary>
    public string? Decide(string action, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!DataPlane.Contains(action) || _rules.IsEmpty)
        {
            return null;
        }

        foreach (var table in TablesOf(request))
        {
            if (_rules.TryGetValue(table, out var state) && state.TryConsume(action))
            {
                return state.Rule.ErrorCode;
            }
        }

        return null;
    }

    private static IEnumerable<string> TablesOf(JsonObject request)
    {
        if (request["TableName"]?.GetValue<string>() is { } table)
        {
            yield return table;
        }

        if (request["RequestItems"] is JsonObject items)
        {
            foreach (var (name, _) in items)
            {
                yield return name;
            }
        }

        if (request["TransactItems"] is JsonArray transact)
        {
            foreach (var item in transact.OfType<JsonObject>())
            {
                foreach (var (_, operation) in item)
                {
                    if (operation?["TableName"]?.GetValue<string>() is { } name)
                    {
                        yield return name;
                    }
                }
            }
        }
    }

    private sealed class State(ThrottleRule rule)
    {
        private readonly Lock _gate = new();
        private int _injected;

        public ThrottleRule Rule { get; } = rule;

        public int Injected
        {
            get
            {
                lock (_gate)
                {
                    return _injected;
                }
            }
        }

        public bool TryConsume(string action)
        {
            if (Rule.Operations.Count > 0 && !Rule.Operations.Contains(action, StringComparer.Ordinal))
            {
                return false;
            }

            lock (_gate)
            {
                if (Rule.Times is { } times && _injected >= times)
                {
                    return false;
                }

                _injected++;
                return true;
            }
        }
    }
}
