using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Routing;

/// <summary>Answers DynamoDB requests with an error where a scenario asks for it: throttling on the data plane by
/// default, or any error on the actions a rule names (e.g. LimitExceededException on UpdateTable).</summary>
public sealed class FaultInjector
{
    private static readonly HashSet<string> DataPlane = new(StringComparer.Ordinal)
    {
        "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
        "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems",
    };

    private readonly ConcurrentDictionary<string, State> _rules = new(StringComparer.Ordinal);

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rules[rule.Table] = new State(rule);
    }

    public void Remove(string table) => _rules.TryRemove(table, out _);

    /// <summary>How many requests were refused for a table so far.</summary>
    public int InjectedCount(string table) => _rules.TryGetValue(table, out var state) ? state.Injected : 0;

    /// <summary>The rule whose error to answer with, or null to let the request through.</summary>
    public FaultRule? Decide(string action, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_rules.IsEmpty)
        {
            return null;
        }

        foreach (var table in TablesOf(request))
        {
            if (_rules.TryGetValue(table, out var state) && state.TryConsume(action))
            {
                return state.Rule;
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

    private sealed class State(FaultRule rule)
    {
        private readonly Lock _gate = new();
        private int _injected;

        public FaultRule Rule { get; } = rule;

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
            var applies = Rule.Operations.Count > 0
                ? Rule.Operations.Contains(action, StringComparer.Ordinal)
                : DataPlane.Contains(action);
            if (!applies)
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
