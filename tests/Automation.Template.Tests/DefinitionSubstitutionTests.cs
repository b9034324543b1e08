using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// The ASL files and their DefinitionSubstitutions agree, and every substitution points at
/// something real. cfn-lint never opens DefinitionUri files, so nothing else checks this before
/// a deploy (DESIGN.md §5).
/// </summary>
public sealed class DefinitionSubstitutionTests
{
    private const string ServerlessFunction = "AWS::Serverless::Function";

    private static TemplateBundle Bundle => TemplateBundle.Current;

    [Fact]
    public void Template_has_state_machines_to_check() =>
        Assert.True(
            Bundle.StateMachines.Count > 0,
            "sam_template.py found no state machine in template.yaml; the checks below would pass vacuously.");

    [Fact]
    public void Every_placeholder_has_a_substitution()
    {
        string[] problems = Bundle.StateMachines
            .SelectMany(sm => sm.Placeholders
                .Where(name => !sm.Substitutions.ContainsKey(name))
                .Select(name => $"{sm.Label}: ${{{name}}} is used but has no DefinitionSubstitutions entry"))
            .ToArray();

        Problems.AssertNone(problems, "Placeholders without a substitution");
    }

    [Fact]
    public void Every_substitution_is_used()
    {
        string[] problems = Bundle.StateMachines
            .SelectMany(sm => sm.Substitutions
                .Select(kv => kv.Key)
                .Where(name => !sm.Placeholders.Contains(name))
                .Select(name => $"{sm.Label}: substitution {name} is never used as ${{{name}}} in the ASL"))
            .ToArray();

        Problems.AssertNone(problems, "Unused substitutions");
    }

    [Fact]
    public void Substitutions_refer_to_resources_and_parameters_that_exist()
    {
        List<string> problems = [];
        foreach (StateMachineDefinition sm in Bundle.StateMachines)
        {
            foreach ((string name, JsonNode? value) in sm.Substitutions)
            {
                problems.AddRange(IntrinsicReferences.In(value)
                    .Where(target => !target.StartsWith("AWS::", StringComparison.Ordinal)
                        && !Bundle.Resources.ContainsKey(target)
                        && !Bundle.Parameters.ContainsKey(target))
                    .Select(target => $"{sm.Label}: {name} = {value?.ToJsonString()} refers to {target}, "
                        + "which is neither a resource nor a parameter of template.yaml"));
            }
        }

        Problems.AssertNone(problems, "Substitutions referring to nothing");
    }

    [Fact]
    public void Lambda_substitutions_point_at_functions_of_the_template()
    {
        List<string> problems = [];
        foreach (StateMachineDefinition sm in Bundle.StateMachines)
        {
            // A Lambda ARN substitution is one used as FunctionName of a lambda:invoke task, or one
            // whose name says it is a function ARN.
            Dictionary<string, string> lambdaNames = AslStates.LambdaFunctionPlaceholders(sm.Definition)
                .GroupBy(p => p.Placeholder)
                .ToDictionary(g => g.Key, g => $"FunctionName of state {g.First().StatePath}");
            foreach (string name in sm.Substitutions.Select(kv => kv.Key))
            {
                if (name.EndsWith("FunctionArn", StringComparison.Ordinal))
                {
                    lambdaNames.TryAdd(name, "name ends in FunctionArn");
                }
            }

            foreach ((string name, string why) in lambdaNames)
            {
                if (!sm.Substitutions.TryGetPropertyValue(name, out JsonNode? value))
                {
                    continue; // reported by Every_placeholder_has_a_substitution
                }

                string? target = IntrinsicReferences.FunctionTarget(value);
                if (target is null || Bundle.ResourceType(target) != ServerlessFunction)
                {
                    problems.Add($"{sm.Label}: {name} ({why}) = {value?.ToJsonString()} must be "
                        + $"!GetAtt <Function>.Arn of an {ServerlessFunction} in template.yaml"
                        + (target is null ? "" : $"; {target} is {Bundle.ResourceType(target) ?? "not a resource"}"));
                }
            }
        }

        Problems.AssertNone(problems, "Lambda substitutions not pointing at a function of the template");
    }
}
