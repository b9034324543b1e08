using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>template.yaml as CloudFormation (and cfn-lint's built-in SAM transform) sees it.</summary>
public sealed class CfnLintTests
{
    [Fact]
    public void Template_passes_cfn_lint()
    {
        IReadOnlyList<CfnLintMatch> matches = CfnLint.Lint(Repository.TemplatePath);

        Problems.AssertNone(matches.Select(m => m.ToString()).ToArray(), "cfn-lint template.yaml reports");
    }
}
