namespace Automation.Template.Tests.Infrastructure;

/// <summary>Paths in the repository checkout the tests run from (found by walking up from the test
/// binaries, so the checks read the working tree, not a copy).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string TemplatePath => Path.Combine(Root, "template.yaml");

    public static string TestProjectDirectory => Path.Combine(Root, "tests", "Automation.Template.Tests");

    public static string SamTemplateScript => Path.Combine(Root, "tools", "template", "sam_template.py");

    public static string NodeScript(string name) => Path.Combine(TestProjectDirectory, "node", name);

    public static string TestData(string name) => Path.Combine(TestProjectDirectory, name);

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "template.yaml"))
                && Directory.Exists(Path.Combine(directory.FullName, "tests", "Automation.Template.Tests")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (template.yaml) above {AppContext.BaseDirectory}.");
    }
}
