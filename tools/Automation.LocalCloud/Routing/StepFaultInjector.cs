using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Routing;

/// <summary>
/// Lambda handler failures a scenario asks for (<c>arrange.stepFaults</c>): the router answers Invoke of the
/// function with <c>X-Amz-Function-Error: Unhandled</c> and <c>{errorType, errorMessage}</c>, as Lambda reports a
/// handler that threw, without running the handler — so Retry and Catch of every step can be exercised.
/// </summary>
public sealed class StepFaultInjector
{
    private readonly ConcurrentDictionary<string, State> _rules = new(StringComparer.Ordinal);

    /// <summary>Fails invocations of the function named <see cref="StepFaultRule.FunctionName"/> (replaces an earlier rule for it).</summary>
    public void Add(StepFaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rules[rule.FunctionName] = new State(rule);
    }

    public void Remove(string functionName) => _rules.TryRemove(functionName, out _);

    /// <summary>How many invocations of the function were failed so far.</summary>
    public int InjectedCount(string functionName) => _rules.TryGetValue(functionName, out var state) ? state.Injected : 0;

    /// <summary>The error document to answer instead of running the function, or null to run it.</summary>
    public string? Decide(string functionName) =>
        _rules.TryGetValue(functionName, out var state) && state.TryConsume()
            ? new JsonObject { ["errorType"] = state.Rule.ErrorType, ["errorMessage"] = state.Rule.Message }.ToJsonString()
            : null;

    private sealed class State(StepFaultRule rule)
    {
        private int _injected;

        public StepFaultRule Rule { get; } = rule;

        public int Injected => Volatile.Read(ref _injected);

        public bool TryConsume()
        {
            while (true)
            {
                var seen = Volatile.Read(ref _injected);
                if (Rule.Times is { } times && seen >= times)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _injected, seen + 1, seen) == seen)
                {
                    return true;
                }
            }
        }
    }
}

/// <summary>A Lambda function (its physical name) whose invocations fail with <paramref name="ErrorType"/>.</summary>
/// <param name="Times">How many invocations fail; null: every one.</param>
public sealed record StepFaultRule(string FunctionName, string ErrorType, string Message, int? Times);
