namespace Automation.Template.Tests.Infrastructure;

/// <summary>One cfn-lint finding. Path is the JSON path in the template (Resources/X/Properties/...).</summary>
public sealed record CfnLintMatch(string Level, string Rule, IReadOnlyList<string> Path, int Line, string Message)
{
    public string Resource => Path.Count > 1 && Path[0] == "Resources" ? Path[1] : "";

    public override string ToString() => $"{Rule} ({Level}) line {Line} at {string.Join('/', Path)}: {Message}";
}
