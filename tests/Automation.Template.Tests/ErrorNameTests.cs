using System.Reflection;
using System.Text.Json.Nodes;
using Automation.Core.Errors;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// Retry and Catch match errors by name; a misspelt name never matches and fails silently at run
/// time. Every name must be an ErrorTypes constant our steps report, a States.* error the ASL
/// defines, or a service-integration error (Service.Exception, e.g. Lambda.ServiceException).
/// </summary>
public sealed class ErrorNameTests
{
    // The predefined error names of the Amazon States Language (States.ALL matches them all).
    private static readonly HashSet<string> StatesErrors =
    [
        "States.ALL", "States.DataLimitExceeded", "States.ExceedToleratedFailureThreshold",
        "States.HeartbeatTimeout", "States.Http.Socket", "States.IntrinsicFailure",
        "States.ItemReaderFailed", "States.NoChoiceMatched", "States.ParameterPathFailure",
        "States.Permissions", "States.QueryEvaluationError", "States.ResultPathMatchFailure",
        "States.ResultWriterFailed", "States.Runtime", "States.TaskFailed", "States.Timeout",
        "States.BranchFailed",
    ];

    private static readonly HashSet<string> StepErrors = typeof(ErrorTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Retry_and_catch_match_error_names_that_exist()
    {
        List<string> problems = [];
        foreach (StateMachineDefinition sm in TemplateBundle.Current.StateMachines)
        {
            foreach ((string path, JsonObject state) in AslStates.All(sm.Definition))
            {
                foreach (string list in new[] { "Retry", "Catch" })
                {
                    foreach (string name in (state[list]?.AsArray() ?? [])
                        .SelectMany(rule => rule?["ErrorEquals"]?.AsArray() ?? [])
                        .Select(n => n!.ToString()))
                    {
                        bool known = name.StartsWith("States.", StringComparison.Ordinal)
                            ? StatesErrors.Contains(name)
                            : StepErrors.Contains(name) || name.Contains('.', StringComparison.Ordinal);
                        if (!known)
                        {
                            problems.Add($"{sm.Label}: state {path} {list} matches \"{name}\", which is neither an "
                                + "Automation.Core.Errors.ErrorTypes name nor a States.* / Service.Error name");
                        }
                    }
                }
            }
        }

        Problems.AssertNone(problems, "Retry/Catch error names that can never match");
    }

    [Fact]
    public void Step_Functions_errors_are_named_as_the_service_reports_them()
    {
        // The states:startExecution integrations report the SDK's exception names, Exception suffix included
        // (StepFunctions.ExecutionLimitExceededException); the API reference's short codes never match.
        List<string> problems = [];
        int names = 0;
        foreach ((string label, string path, string list, List<string> errors) in ErrorLists())
        {
            foreach (string name in errors.Where(n => n.StartsWith("StepFunctions.", StringComparison.Ordinal)))
            {
                names++;
                if (!name.EndsWith("Exception", StringComparison.Ordinal))
                {
                    problems.Add($"{label}: state {path} {list} matches \"{name}\"; Step Functions reports \"{name}Exception\"");
                }
            }
        }

        Assert.True(names > 0, "No StepFunctions.* error name found: the check would pass vacuously.");
        Problems.AssertNone(problems, "Step Functions error names that can never match");
    }

    [Fact]
    public void DynamoDb_request_limit_is_matched_under_both_spellings()
    {
        // DynamoDB's wire code is RequestLimitExceeded; the SDK exception the aws-sdk integrations name errors after is
        // RequestLimitExceededException. A retrier naming one only may never match, so each names both.
        List<string> problems = [];
        int names = 0;
        foreach ((string label, string path, string list, List<string> errors) in ErrorLists())
        {
            bool shortName = errors.Contains("DynamoDb.RequestLimitExceeded");
            bool longName = errors.Contains("DynamoDb.RequestLimitExceededException");
            names += shortName || longName ? 1 : 0;
            if (shortName != longName)
            {
                problems.Add($"{label}: state {path} {list} matches only {(shortName ? "DynamoDb.RequestLimitExceeded" : "DynamoDb.RequestLimitExceededException")}");
            }
        }

        Assert.True(names > 0, "No DynamoDb.RequestLimitExceeded retrier found: the check would pass vacuously.");
        Problems.AssertNone(problems, "DynamoDB request-limit retriers naming one spelling only");
    }

    [Fact]
    public void Service_tasks_match_only_errors_their_service_reports()
    {
        List<string> problems = [];
        int checkedTasks = 0;
        foreach (StateMachineDefinition sm in TemplateBundle.Current.StateMachines)
        {
            foreach ((string path, JsonObject state) in AslStates.All(sm.Definition))
            {
                List<string> found = ForeignErrorNames(state);
                checkedTasks += ServiceOf(state) is null ? 0 : 1;
                problems.AddRange(found.Select(p => $"{sm.Label}: state {path} {p}"));
            }
        }

        Assert.True(checkedTasks > 0, "No Lambda or aws-sdk task found: the check would pass vacuously.");
        Problems.AssertNone(problems, "Retry/Catch of a service task naming another service's errors");
    }

    [Fact]
    public void Foreign_error_names_are_found()
    {
        JsonObject describe = JsonNode.Parse("""
            {
              "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:describeTable",
              "Retry": [{ "ErrorEquals": ["DynamoDb.ThrottlingException", "CloudWatch.ThrottlingException", "TransientDependencyError"] }],
              "Catch": [{ "ErrorEquals": ["DynamoDB.ResourceNotFoundException", "States.ALL"], "Next": "X" }]
            }
            """)!.AsObject();
        JsonObject invoke = JsonNode.Parse("""
            {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Retry": [{ "ErrorEquals": ["Lambda.ServiceException", "TransientDependencyError", "DynamoDb.ThrottlingException"] }]
            }
            """)!.AsObject();

        Assert.Equal(
            [
                "Retry matches \"CloudWatch.ThrottlingException\", which a dynamodb task never reports (only DynamoDb.* and States.*)",
                "Retry matches \"TransientDependencyError\", which a dynamodb task never reports (only DynamoDb.* and States.*)",
            ],
            ForeignErrorNames(describe));
        Assert.Equal(
            ["Retry matches \"DynamoDb.ThrottlingException\", which a lambda task never reports (only Lambda.*, States.* and the steps' ErrorTypes)"],
            ForeignErrorNames(invoke));
    }

    /// <summary>The integration's service (<c>dynamodb</c>, <c>cloudwatch</c>, <c>lambda</c>, ...) of a Lambda
    /// or aws-sdk task; null for any other state.</summary>
    private static readonly string[] RuleLists = ["Retry", "Catch"];

    /// <summary>Every rule's ErrorEquals of every Retry and Catch in the template's state machines, with where it is.</summary>
    private static IEnumerable<(string Label, string Path, string List, List<string> Errors)> ErrorLists() =>
        from sm in TemplateBundle.Current.StateMachines
        from state in AslStates.All(sm.Definition)
        from list in RuleLists
        from rule in state.State[list]?.AsArray() ?? []
        select (sm.Label, state.Path, list, (rule?["ErrorEquals"]?.AsArray() ?? []).Select(n => n!.ToString()).ToList());

    private static string? ServiceOf(JsonObject state)
    {
        string resource = state["Type"]?.ToString() == "Task" ? state["Resource"]?.ToString() ?? "" : "";
        return resource.StartsWith("arn:aws:states:::lambda:invoke", StringComparison.Ordinal) ? "lambda"
            : resource.StartsWith("arn:aws:states:::aws-sdk:", StringComparison.Ordinal) ? resource.Split(':')[6]
            : null;
    }

    /// <summary>
    /// An aws-sdk task fails with <c>Service.Exception</c> errors of its own service (Step Functions writes
    /// the service capitalised, e.g. <c>DynamoDb.</c>, <c>CloudWatch.</c>: compared case-insensitively) or
    /// <c>States.*</c>; a Lambda task also with the errorType its step reports.
    /// </summary>
    private static List<string> ForeignErrorNames(JsonObject state)
    {
        if (ServiceOf(state) is not { } service)
        {
            return [];
        }

        bool lambda = service == "lambda";
        List<string> problems = [];
        foreach (string list in new[] { "Retry", "Catch" })
        {
            foreach (string name in (state[list]?.AsArray() ?? [])
                .SelectMany(rule => rule?["ErrorEquals"]?.AsArray() ?? [])
                .Select(n => n!.ToString()))
            {
                int dot = name.IndexOf('.', StringComparison.Ordinal);
                bool own = name.StartsWith("States.", StringComparison.Ordinal)
                    || (dot > 0 && name[..dot].Equals(service, StringComparison.OrdinalIgnoreCase))
                    || (lambda && dot < 0 && StepErrors.Contains(name));
                if (!own)
                {
                    problems.Add($"{list} matches \"{name}\", which a {service} task never reports "
                        + (lambda ? "(only Lambda.*, States.* and the steps' ErrorTypes)" : $"(only {Capitalised(service)}.* and States.*)"));
                }
            }
        }

        return problems;
    }

    private static string Capitalised(string service) => service switch
    {
        "dynamodb" => "DynamoDb",
        "cloudwatch" => "CloudWatch",
        _ => char.ToUpperInvariant(service[0]) + service[1..],
    };
}
