namespace Automation.Template.Tests.Infrastructure;

/// <summary>Checks collect every problem before failing, so one run shows them all.</summary>
internal static class Problems
{
    public static void AssertNone(IReadOnlyCollection<string> problems, string heading) =>
        Assert.True(problems.Count == 0, $"{heading}:\n  - {string.Join("\n  - ", problems)}");
}
