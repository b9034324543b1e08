using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// Every Lambda task retries the Lambda service errors with the standard policy, first; then, only if its
/// step declares any (<see cref="DeclaredTransientErrors"/>), one retrier with exactly the step's declared
/// errors. No retrier for an error a step can never throw: it hides what the step really does.
/// </summary>
public sealed class RetryPolicyTests
{
    /// <summary>The one place the declarations are read from.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Declared => DeclaredTransientErrors.ByHandler;

    private static readonly JsonObject StandardRetrier = JsonNode.Parse("""
        {
          "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
          "IntervalSeconds": 1,
          "MaxAttempts": 3,
          "BackoffRate": 2,
          "JitterStrategy": "FULL"
        }
        """)!.AsObject();

    private static TemplateBundle Bundle => TemplateBundle.Current;

    [Fact]
    public void Lambda_tasks_retry_the_standard_errors_then_only_what_their_step_declares()
    {
        List<string> problems = [];
        int tasks = 0;
        foreach (StateMachineDefinition sm in Bundle.StateMachines)
        {
            foreach ((string path, JsonObject state) in LambdaTasks(sm.Definition))
            {
                tasks++;
                string? handler = HandlerOf(sm, state, out string? why);
                problems.AddRange(handler is null
                    ? [$"{sm.Label}: {path}: {why}"]
                    : RetryProblems(state, handler, Declared).Select(p => $"{sm.Label}: {path} ({handler}): {p}"));
            }
        }

        Assert.True(tasks > 0, "No Lambda task found: the check would pass vacuously.");
        Problems.AssertNone(problems, "Lambda task retriers");
    }

    [Fact]
    public void Every_handler_of_the_template_declares_its_errors_and_every_declaration_is_a_handler()
    {
        HashSet<string> handlers = Bundle.Resources
            .Where(kv => kv.Value?["Type"]?.ToString() == "AWS::Serverless::Function")
            .Select(kv => HandlerProperty(kv.Value!.AsObject()))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        Problems.AssertNone(
            [
                .. handlers.Where(h => !Declared.ContainsKey(h)).Select(h => $"Handler {h} declares no retriable errors (add it to DeclaredTransientErrors, [] for none)"),
                .. Declared.Keys.Where(h => !handlers.Contains(h)).Select(h => $"DeclaredTransientErrors names {h}, which is no Handler of template.yaml"),
                .. Declared.Where(kv => kv.Value.Any(e => e.StartsWith("Lambda.", StringComparison.Ordinal) || e.StartsWith("States.", StringComparison.Ordinal)))
                    .Select(kv => $"{kv.Key} declares a Lambda/States error; the standard retrier covers the Lambda service errors"),
            ],
            "Retry declarations out of step with the template");
    }

    [Fact]
    public void The_check_rejects_extra_missing_and_misplaced_retriers()
    {
        Dictionary<string, IReadOnlyList<string>> declared = new(StringComparer.Ordinal)
        {
            ["Pure"] = [],
            ["Store"] = ["TransientDependencyError", "ConcurrentModification"],
        };
        JsonObject Task(params JsonNode[] retriers) => new() { ["Type"] = "Task", ["Retry"] = new JsonArray(retriers) };
        JsonObject Extras(params string[] errors) => new()
        {
            ["ErrorEquals"] = new JsonArray([.. errors.Select(e => JsonValue.Create(e))]),
            ["IntervalSeconds"] = 2,
            ["MaxAttempts"] = 3,
        };
        JsonObject standard = StandardRetrier.DeepClone().AsObject();
        JsonObject tooFewAttempts = StandardRetrier.DeepClone().AsObject();
        tooFewAttempts["MaxAttempts"] = 2;

        Assert.Empty(RetryProblems(Task(standard.DeepClone()), "Pure", declared));
        Assert.Empty(RetryProblems(Task(standard.DeepClone(), Extras("ConcurrentModification", "TransientDependencyError")), "Store", declared));
        Assert.Equal(
            ["retries DeadlineExceeded, which Pure never throws (declared: none)"],
            RetryProblems(Task(standard.DeepClone(), Extras("DeadlineExceeded")), "Pure", declared));
        Assert.Equal(
            ["the second retrier must name exactly TransientDependencyError, ConcurrentModification; it misses ConcurrentModification and adds DeadlineExceeded"],
            RetryProblems(Task(standard.DeepClone(), Extras("TransientDependencyError", "DeadlineExceeded")), "Store", declared));
        Assert.Equal(
            ["does not retry TransientDependencyError, ConcurrentModification, which Store declares"],
            RetryProblems(Task(standard.DeepClone()), "Store", declared));
        Assert.Equal(
            [$"the first retrier must be the standard Lambda retrier {StandardRetrier.ToJsonString()}, not {tooFewAttempts.ToJsonString()}"],
            RetryProblems(Task(tooFewAttempts), "Pure", declared));
        Assert.Equal(
            ["has 3 retriers; at most 2 (standard, then the declared errors)"],
            RetryProblems(Task(standard.DeepClone(), Extras("TransientDependencyError", "ConcurrentModification"), Extras("X")), "Store", declared));
        Assert.Equal(
            ["no retrier declaration for handler Unknown"],
            RetryProblems(Task(standard.DeepClone()), "Unknown", declared));
    }

    private static IEnumerable<(string Path, JsonObject State)> LambdaTasks(JsonObject definition) =>
        AslStates.All(definition).Where(s => s.State["Type"]?.ToString() == "Task"
            && (s.State["Resource"]?.ToString() ?? "").StartsWith("arn:aws:states:::lambda:invoke", StringComparison.Ordinal));

    /// <summary>FunctionName <c>${XFunctionArn}</c> → DefinitionSubstitutions → the template function → its Handler.</summary>
    private static string? HandlerOf(StateMachineDefinition sm, JsonObject state, out string? why)
    {
        string functionName = (state["Parameters"]?["FunctionName"] ?? state["Arguments"]?["FunctionName"])?.ToString() ?? "";
        string placeholder = functionName.StartsWith("${", StringComparison.Ordinal) && functionName.EndsWith('}') ? functionName[2..^1] : "";
        string? function = sm.Substitutions.TryGetPropertyValue(placeholder, out JsonNode? value) ? IntrinsicReferences.FunctionTarget(value) : null;
        string? handler = function is not null && Bundle.Resources[function] is JsonObject resource ? HandlerProperty(resource) : null;
        why = handler is not null ? null : $"FunctionName \"{functionName}\" does not resolve to a function of template.yaml with a Handler";
        return handler;
    }

    private static string? HandlerProperty(JsonObject resource) =>
        (resource["Properties"]?["Handler"] ?? Bundle.Template["Globals"]?["Function"]?["Handler"])?.ToString();

    private static List<string> RetryProblems(JsonObject state, string handler, IReadOnlyDictionary<string, IReadOnlyList<string>> declared)
    {
        if (!declared.TryGetValue(handler, out IReadOnlyList<string>? extras))
        {
            return [$"no retrier declaration for handler {handler}"];
        }

        List<string> problems = [];
        JsonArray retry = state["Retry"]?.AsArray() ?? [];
        if (retry.Count == 0 || !JsonNode.DeepEquals(retry[0], StandardRetrier))
        {
            problems.Add($"the first retrier must be the standard Lambda retrier {StandardRetrier.ToJsonString()}, not {retry.FirstOrDefault()?.ToJsonString() ?? "missing"}");
        }

        if (retry.Count > 2)
        {
            problems.Add($"has {retry.Count} retriers; at most 2 (standard, then the declared errors)");
            return problems;
        }

        string[] second = retry.Count == 2 ? [.. (retry[1]?["ErrorEquals"]?.AsArray() ?? []).Select(e => e!.ToString())] : [];
        if (extras.Count == 0 && second.Length > 0)
        {
            problems.Add($"retries {string.Join(", ", second)}, which {handler} never throws (declared: none)");
        }
        else if (extras.Count > 0 && retry.Count < 2)
        {
            problems.Add($"does not retry {string.Join(", ", extras)}, which {handler} declares");
        }
        else if (extras.Count > 0 && (second.Length != second.Distinct(StringComparer.Ordinal).Count() || !second.ToHashSet(StringComparer.Ordinal).SetEquals(extras)))
        {
            problems.Add($"the second retrier must name exactly {string.Join(", ", extras)}; it misses "
                + $"{string.Join(", ", extras.Except(second, StringComparer.Ordinal).DefaultIfEmpty("nothing"))} and adds "
                + $"{string.Join(", ", second.Except(extras, StringComparer.Ordinal).DefaultIfEmpty("nothing"))}");
        }

        return problems;
    }
}
