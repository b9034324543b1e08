namespace Automation.LocalCloud.Hosting;

/// <summary>Where the repository's files are, found from the working directory or this assembly.</summary>
public sealed record RepositoryPaths(string Root)
{
    public string Template => Path.Combine(Root, "template.yaml");
    public string Scenarios => Path.Combine(Root, "scenarios");
    public string MotoLauncher => Path.Combine(Root, "tools", "localcloud", "moto_launcher.py");
    public string TemplateTool => Path.Combine(Root, "tools", "template", "sam_template.py");

    /// <summary>What to do when <see cref="Python"/> lacks a tool of requirements-dev.txt.</summary>
    public const string PythonSetupHint =
        "Run `make setup` (installs requirements-dev.txt into .venv), or set AUTOMATION_PYTHON to a Python that has them " +
        "(`python3 -m pip install -r requirements-dev.txt`).";

    /// <summary>
    /// The interpreter with the Python dev tools (moto, aws-sam-translator, cfn-lint; requirements-dev.txt):
    /// AUTOMATION_PYTHON (make and localcloud.sh set it), else the project's .venv (`make setup` makes it),
    /// else python3 from PATH. The same rule as the tests' RepoPaths.Python.
    /// </summary>
    public string Python => ResolvePython(Root);

    internal static string ResolvePython(string root)
    {
        var configured = Environment.GetEnvironmentVariable("AUTOMATION_PYTHON");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var venv = OperatingSystem.IsWindows()
            ? Path.Combine(root, ".venv", "Scripts", "python.exe")
            : Path.Combine(root, ".venv", "bin", "python");
        return File.Exists(venv) ? venv : "python3";
    }

    /// <summary>The nearest folder holding Automation.sln, from the current directory up, then from
    /// this assembly's folder up (tests run from bin/).</summary>
    public static RepositoryPaths Discover()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
                {
                    return new RepositoryPaths(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (a folder with Automation.sln) above " +
                                            $"{Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }
}
