using System.Diagnostics;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// One list of steps: <see cref="Automation.Functions.Host.HandlerCatalog"/>. template.yaml's functions, the
/// Makefile's <c>build-&lt;Function&gt;</c> targets (derived from template.yaml), the IAM expectations and the ASL's
/// Retry declarations (<see cref="RetryPolicyTests"/>) must all name exactly its steps, so adding a step is one
/// catalog entry plus its function, and forgetting one fails here with the step's name.
/// </summary>
public sealed class StepListTests
{
    private static TemplateBundle Bundle => TemplateBundle.Current;

    private static IReadOnlyList<(string LogicalId, string? Handler)> Functions =>
        [.. Bundle.Resources
            .Where(r => r.Value?["Type"]?.GetValue<string>() == "AWS::Serverless::Function")
            .Select(r => (r.Key, r.Value!["Properties"]?["Handler"]?.GetValue<string>()))];

    [Fact]
    public void The_template_has_one_function_per_catalogued_step_named_after_it()
    {
        var catalog = DeclaredTransientErrors.ByHandler.Keys.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(catalog, Functions.Select(f => f.Handler ?? "(no Handler)").Order(StringComparer.Ordinal).ToList());
        Assert.All(Functions, f => Assert.Equal(f.Handler + "Function", f.LogicalId));
        Assert.All(Functions, f => Assert.Equal("makefile", Bundle.Resources[f.LogicalId]!["Metadata"]?["BuildMethod"]?.GetValue<string>()));
    }

    [Fact]
    public void The_Makefile_builds_exactly_the_template_functions()
    {
        var listed = Make("-s", "list-functions").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(Functions.Select(f => f.LogicalId).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.All(listed, id => Assert.Contains("bootstrap", Make("-n", "build-" + id, "ARTIFACTS_DIR=/tmp/sam-artifacts"), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_function_role_has_IAM_expectations()
    {
        string expectations = File.ReadAllText(Repository.TestData("iam-expectations.yaml"));

        Assert.All(Functions, f => Assert.Contains($"\n  {f.LogicalId}Role:", expectations, StringComparison.Ordinal));
    }

    private static string Make(params string[] arguments)
    {
        var start = new ProcessStartInfo("make") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--no-print-directory");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("make did not start (install GNU make).");
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"make {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        return output;
    }
}
