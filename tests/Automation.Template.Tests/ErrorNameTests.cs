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
}
