using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Routing;

/// <summary>Makes UpdateTable take time, as in DynamoDB, for the tables a scenario names (see <see cref="PendingUpdateRule"/>).</summary>
public sealed class PendingUpdateEmulator
{
    private readonly ConcurrentDictionary<string, Pending> _tables = new(StringComparer.Ordinal);

    public void Add(PendingUpdateRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _tables[rule.Table] = new Pending(rule);
    }

    public void Remove(string table) => _tables.TryRemove(table, out _);

    public bool Watches(string? table) => table is not null && _tables.ContainsKey(table);

    /// <summary>An UpdateTable went through: the next DescribeTable answers show it in progress.</summary>
    public void Updated(string table, JsonObject updateRequest)
    {
        ArgumentNullException.ThrowIfNull(updateRequest);
        if (!_tables.TryGetValue(table, out var pending))
        {
            return;
        }

        var indexes = (updateRequest["GlobalSecondaryIndexUpdates"] as JsonArray ?? [])
            .Select(update => update?["Update"]?["IndexName"]?.GetValue<string>())
            .OfType<string>();
        pending.Start(indexes);
    }

    /// <summary>Rewrites a DescribeTable answer while an update is in progress; false: the answer is unchanged.</summary>
    public bool Describing(string table, JsonObject describeAnswer)
    {
        ArgumentNullException.ThrowIfNull(describeAnswer);
        if (!_tables.TryGetValue(table, out var pending) || describeAnswer["Table"] is not JsonObject description
            || pending.TakeInProgress() is not { } updatingIndexes)
        {
            return false;
        }

        description["TableStatus"] = pending.Rule.TableStatus;
        foreach (var index in (description["GlobalSecondaryIndexes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (index["IndexName"]?.GetValue<string>() is { } name && updatingIndexes.Contains(name))
            {
                index["IndexStatus"] = "UPDATING";
            }
        }

        return true;
    }

    private sealed class Pending(PendingUpdateRule rule)
    {
        private readonly Lock _gate = new();
        private int _remaining;
        private HashSet<string> _indexes = [];

        public PendingUpdateRule Rule { get; } = rule;

        public void Start(IEnumerable<string> indexes)
        {
            lock (_gate)
            {
                _remaining = Rule.DescribeCalls;
                _indexes = new HashSet<string>(indexes, StringComparer.Ordinal);
            }
        }

        /// <summary>The indexes being updated if this answer is still "in progress", else null.</summary>
        public HashSet<string>? TakeInProgress()
        {
            lock (_gate)
            {
                if (_remaining <= 0)
                {
                    return null;
                }

                _remaining--;
                return _indexes;
            }
        }
    }
}
