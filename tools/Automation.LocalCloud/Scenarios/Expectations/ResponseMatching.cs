using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Scenarios.Expectations;

/// <summary>Checks access-API answers against <c>expectResponse</c> / <c>expect.response</c>: <c>status</c>,
/// <c>error</c>, <c>cause</c> (values or matchers) and JSON paths into the body.</summary>
public static class ResponseMatching
{
    /// <summary>Each unmet part of one expectation, in words (empty: it matches).</summary>
    public static List<string> Mismatches(Dictionary<string, JsonNode?>? expected, AccessResponse actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var failures = new List<string>();
        foreach (var (key, value) in expected ?? [])
        {
            var (found, node) = key switch
            {
                "status" => (true, (JsonNode?)JsonValue.Create(actual.Status)),
                "error" => (actual.Error is not null, actual.Error is null ? null : JsonValue.Create(actual.Error)),
                "cause" => (actual.Cause is not null, actual.Cause is null ? null : JsonValue.Create(actual.Cause)),
                _ => JsonPath.Select(actual.Body, key),
            };
            if (ValueMatcher.Mismatch(found, node, value) is { } why)
            {
                failures.Add($"{key}: {why}");
            }
        }

        return failures;
    }

    public static string Describe(AccessResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return $"HTTP {response.Status} {ValueMatcher.Show(response.Body)}";
    }

    public static List<string> MatchInOrder(string where, IReadOnlyList<ScenarioAccessCall> calls, IReadOnlyList<AccessResponse> responses,
        IReadOnlyList<Dictionary<string, JsonNode?>?> expectations)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(expectations);
        var failures = new List<string>();
        for (var i = 0; i < calls.Count; i++)
        {
            foreach (var why in Mismatches(expectations[i], responses[i]))
            {
                failures.Add($"{where}: access {calls[i].Action} as {calls[i].As}: {why} ({Describe(responses[i])})");
            }
        }

        return failures;
    }

    /// <summary>Concurrent calls: the answers must meet the expectations in some order (e.g. exactly one of two
    /// approvals wins: one 200 and one 409, whichever call got which).</summary>
    public static List<string> MatchInAnyOrder(string where, IReadOnlyList<ScenarioAccessCall> calls, IReadOnlyList<AccessResponse> responses,
        IReadOnlyList<Dictionary<string, JsonNode?>?> expectations)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(expectations);
        var fits = responses.Select(r => expectations.Select(e => Mismatches(e, r).Count == 0).ToArray()).ToArray();
        var taken = new bool[expectations.Count];
        if (Assign(0))
        {
            return [];
        }

        var answers = string.Join("; ", calls.Select((c, i) => $"{c.Action} as {c.As}: {Describe(responses[i])}"));
        var wanted = string.Join("; ", expectations.Select(e => e is null ? "anything" : ValueMatcher.Show(new JsonObject(e.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))))));
        return [$"{where}: the concurrent answers [{answers}] do not meet the expectations [{wanted}] in any order"];

        bool Assign(int response)
        {
            if (response == responses.Count)
            {
                return true;
            }

            for (var e = 0; e < expectations.Count; e++)
            {
                if (!taken[e] && fits[response][e])
                {
                    taken[e] = true;
                    if (Assign(response + 1))
                    {
                        return true;
                    }

                    taken[e] = false;
                }
            }

            return false;
        }
    }
}
