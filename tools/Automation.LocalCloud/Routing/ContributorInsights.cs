using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Routing;

/// <summary>One contributor of a Contributor Insights report: its key values and its share.</summary>
public sealed record Contributor(IReadOnlyList<string> Keys, double Value);

/// <summary>
/// Contributor Insights for DynamoDB, which moto lacks: per table or index, whether it is enabled,
/// its CloudWatch rule names (<c>DynamoDBContributorInsights-{PKC|PKT|SKC|SKT}-...</c>), and the top
/// keys each rule reports through <c>GetInsightRuleReport</c>. Scenarios seed the top keys;
/// UpdateContributorInsights from the workflow turns rules on and off as the service would.
/// </summary>
public sealed class ContributorInsights(TimeProvider time)
{
    /// <summary>Rule kinds: partition / sort key, most Consumed or most Throttled.</summary>
    public static readonly IReadOnlyList<string> RuleKinds = ["PKC", "PKT", "SKC", "SKT"];

    private readonly ConcurrentDictionary<string, Target> _targets = new(StringComparer.Ordinal);

    /// <summary>Seeds a table (or index) with top keys per rule kind, and its starting status.</summary>
    public void Seed(string table, string? index, bool enabled, IReadOnlyDictionary<string, IReadOnlyList<Contributor>> topKeys, string mode = "ACCESSED_AND_THROTTLED_KEYS")
    {
        ArgumentNullException.ThrowIfNull(topKeys);
        foreach (var kind in topKeys.Keys.Where(k => !RuleKinds.Contains(k)))
        {
            throw new ArgumentException($"Unknown Contributor Insights rule kind '{kind}' (use {string.Join(", ", RuleKinds)}).", nameof(topKeys));
        }

        var target = new Target(table, index) { TopKeys = topKeys, Mode = mode };
        _targets[Key(table, index)] = target;
        if (enabled)
        {
            target.Enable(time.GetUtcNow());
        }
    }

    /// <summary>Forgets a table's insights (scenario clean-up).</summary>
    public void Forget(string table)
    {
        foreach (var key in _targets.Keys.Where(k => k == table || k.StartsWith(table + "/", StringComparison.Ordinal)))
        {
            _targets.TryRemove(key, out _);
        }
    }

    public JsonObject Update(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (table, index) = TableAndIndex(request);
        var action = request["ContributorInsightsAction"]?.GetValue<string>()
                     ?? throw new RouterException(400, "ValidationException", "ContributorInsightsAction is required.");
        var target = _targets.GetOrAdd(Key(table, index), _ => new Target(table, index));
        if (request["ContributorInsightsMode"]?.GetValue<string>() is { } mode)
        {
            target.Mode = mode;
        }

        switch (action)
        {
            case "ENABLE":
                target.Enable(time.GetUtcNow());
                break;
            case "DISABLE":
                target.Disable(time.GetUtcNow());
                break;
            default:
                throw new RouterException(400, "ValidationException", $"ContributorInsightsAction must be ENABLE or DISABLE, not '{action}'.");
        }

        var response = new JsonObject { ["TableName"] = table, ["ContributorInsightsStatus"] = target.Status, ["ContributorInsightsMode"] = target.Mode };
        if (index is not null)
        {
            response["IndexName"] = index;
        }

        return response;
    }

    public JsonObject Describe(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (table, index) = TableAndIndex(request);
        var target = _targets.GetValueOrDefault(Key(table, index)) ?? new Target(table, index);
        var response = new JsonObject
        {
            ["TableName"] = table,
            ["ContributorInsightsStatus"] = target.Status,
            ["ContributorInsightsMode"] = target.Mode,
            ["ContributorInsightsRuleList"] = new JsonArray([.. target.RuleNames.Values.Select(n => (JsonNode?)n)]),
        };
        if (index is not null)
        {
            response["IndexName"] = index;
        }

        if (target.LastUpdate is { } updated)
        {
            response["LastUpdateDateTime"] = updated.ToUnixTimeMilliseconds() / 1000.0;
        }

        return response;
    }

    public JsonObject List(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = request["TableName"]?.GetValue<string>();
        var summaries = _targets.Values
            .Where(t => table is null || t.Table == table)
            .OrderBy(t => t.Table, StringComparer.Ordinal).ThenBy(t => t.Index, StringComparer.Ordinal)
            .Select(t =>
            {
                var summary = new JsonObject { ["TableName"] = t.Table, ["ContributorInsightsStatus"] = t.Status, ["ContributorInsightsMode"] = t.Mode };
                if (t.Index is not null)
                {
                    summary["IndexName"] = t.Index;
                }

                return (JsonNode?)summary;
            });
        return new JsonObject { ["ContributorInsightsSummaries"] = new JsonArray([.. summaries]) };
    }

    /// <summary>CloudWatch GetInsightRuleReport for a rule DynamoDB created.</summary>
    public JsonObject Report(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ruleName = request["RuleName"]?.GetValue<string>()
                       ?? throw new RouterException(400, "InvalidParameterInput", "RuleName is required.");
        var maxContributors = request["MaxContributorCount"]?.GetValue<int>() ?? 10;
        var (target, kind) = _targets.Values
            .SelectMany(t => t.RuleNames.Where(r => r.Value == ruleName).Select(r => (t, r.Key)))
            .FirstOrDefault();
        if (target is null || target.Status != "ENABLED")
        {
            throw new RouterException(400, "ResourceNotFoundException", $"Rule {ruleName} does not exist or is not enabled.");
        }

        var contributors = target.TopKeys.GetValueOrDefault(kind) ?? [];
        var now = time.GetUtcNow();
        var timestamp = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero)
            .ToUnixTimeSeconds();
        var ordered = contributors.OrderByDescending(c => c.Value).ToList();
        var keyLabels = kind.StartsWith("PK", StringComparison.Ordinal) ? new[] { "PartitionKey" } : ["PartitionKey", "SortKey"];
        return new JsonObject
        {
            ["KeyLabels"] = new JsonArray([.. keyLabels.Select(l => (JsonNode?)l)]),
            ["AggregationStatistic"] = "Sum",
            ["AggregateValue"] = ordered.Sum(c => c.Value),
            ["ApproximateUniqueCount"] = ordered.Count,
            ["Contributors"] = new JsonArray([.. ordered.Take(maxContributors).Select(c => (JsonNode?)new JsonObject
            {
                ["Keys"] = new JsonArray([.. c.Keys.Select(k => (JsonNode?)k)]),
                ["ApproximateAggregateValue"] = c.Value,
                ["Datapoints"] = new JsonArray(new JsonObject { ["Timestamp"] = timestamp, ["ApproximateValue"] = c.Value }),
            })]),
            ["MetricDatapoints"] = new JsonArray(),
        };
    }

    private static (string Table, string? Index) TableAndIndex(JsonObject request)
    {
        var table = request["TableName"]?.GetValue<string>()
                    ?? throw new RouterException(400, "ValidationException", "TableName is required.");
        if (table.StartsWith("arn:", StringComparison.Ordinal))
        {
            table = table[(table.LastIndexOf('/') + 1)..];
        }

        return (table, request["IndexName"]?.GetValue<string>());
    }

    private static string Key(string table, string? index) => index is null ? table : $"{table}/{index}";

    private sealed class Target(string table, string? index)
    {
        public string Table { get; } = table;
        public string? Index { get; } = index;
        public string Status { get; private set; } = "DISABLED";
        public string Mode { get; set; } = "ACCESSED_AND_THROTTLED_KEYS";
        public DateTimeOffset? LastUpdate { get; private set; }
        public IReadOnlyDictionary<string, IReadOnlyList<Contributor>> TopKeys { get; init; } = new Dictionary<string, IReadOnlyList<Contributor>>();
        public Dictionary<string, string> RuleNames { get; } = new(StringComparer.Ordinal);

        public void Enable(DateTimeOffset now)
        {
            Status = "ENABLED";
            LastUpdate = now;
            var stamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            var subject = Index is null ? Table : $"{Table}-{Index}";
            var kinds = Mode == "THROTTLED_KEYS" ? RuleKinds.Where(k => k.EndsWith('T')) : RuleKinds;
            RuleNames.Clear();
            foreach (var kind in kinds)
            {
                RuleNames[kind] = $"DynamoDBContributorInsights-{kind}-{subject}-{stamp}";
            }
        }

        public void Disable(DateTimeOffset now)
        {
            Status = "DISABLED";
            LastUpdate = now;
            RuleNames.Clear();
        }
    }
}
