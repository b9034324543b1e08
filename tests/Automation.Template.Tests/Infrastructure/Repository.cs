using Automation.Tests.Shared;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>Paths the template checks read, in the checkout the tests run from (the working tree,
/// not a copy in bin/).</summary>
internal static class Repository
{
    public static string Root => RepoPaths.Root;

    public static string TemplatePath => RepoPaths.Combine("template.yaml");

    public static string SamTemplateScript => RepoPaths.Combine("tools", "template", "sam_template.py");

    public static string NodeScript(string name) => RepoPaths.Combine("tests", "Automation.Template.Tests", "node", name);

    public static string TestData(string name) => RepoPaths.Combine("tests", "Automation.Template.Tests", name);
}
