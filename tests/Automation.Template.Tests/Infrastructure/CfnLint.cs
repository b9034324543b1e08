using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>Runs cfn-lint on a template file and returns its findings.</summary>
internal static class CfnLint
{
    /// <summary>cfn-lint's console script, run by the venv's interpreter (the venv has no cfn-lint script of its
    /// own when the system site packages satisfy the pin).</summary>
    private const string Main = "import sys; sys.argv[0] = 'cfn-lint'; from cfnlint.runner import main; sys.exit(main())";

    public static IReadOnlyList<CfnLintMatch> Lint(string templatePath)
    {
        ToolResult result = ExternalTool.Run(ExternalTool.Python, ["-c", Main, "--format", "json", "--", templatePath], ExternalTool.PythonHint);
        // Exit codes are a bit mask of the finding levels (2 error, 4 warning, 8 info); 1 is a crash.
        if (result.ExitCode == 1 || (result.ExitCode != 0 && string.IsNullOrWhiteSpace(result.StandardOutput)))
        {
            throw new InvalidOperationException($"cfn-lint could not lint {templatePath}.\n{result.Describe()}");
        }

        JsonArray matches = string.IsNullOrWhiteSpace(result.StandardOutput)
            ? []
            : JsonNode.Parse(result.StandardOutput)!.AsArray();
        return matches
            .Select(m => new CfnLintMatch(
                m!["Level"]!.GetValue<string>(),
                m["Rule"]!["Id"]!.GetValue<string>(),
                m["Location"]!["Path"]?.AsArray().Select(p => p!.ToString()).ToArray() ?? [],
                m["Location"]!["Start"]!["LineNumber"]!.GetValue<int>(),
                m["Message"]!.GetValue<string>()))
            .ToArray();
    }
}
