namespace Automation.Tests.Shared;

/// <summary>Locates files of the repository from a test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Automation.sln.</summary>
    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>What to do when <see cref="Python"/> lacks a tool of requirements-dev.txt.</summary>
    public const string PythonSetupHint =
        "Run `make setup` (installs requirements-dev.txt into .venv), or set AUTOMATION_PYTHON to a Python that has them " +
        "(`python3 -m pip install -r requirements-dev.txt`).";

    /// <summary>
    /// The interpreter with the Python dev tools (moto, aws-sam-translator, cfn-lint; requirements-dev.txt):
    /// AUTOMATION_PYTHON (make sets it), else the repository's .venv (`make setup` makes it), else python3
    /// from PATH. The same rule as the local cloud's RepositoryPaths.Python (a workflow test holds them equal).
    /// </summary>
    public static string Python
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("AUTOMATION_PYTHON");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            var venv = OperatingSystem.IsWindows() ? Combine(".venv", "Scripts", "python.exe") : Combine(".venv", "bin", "python");
            return File.Exists(venv) ? venv : "python3";
        }
    }

    /// <summary>
    /// The folder of one step's <c>sam local invoke</c> payloads: <c>events/&lt;workflow&gt;/&lt;Step&gt;/</c>
    /// (steps shared by several workflows sit under <c>events/incidents/</c>). Exactly one must exist.
    /// </summary>
    public static string EventFolder(string step)
    {
        var folders = Directory.GetDirectories(Combine("events"))
            .Select(workflow => Path.Combine(workflow, step))
            .Where(Directory.Exists)
            .ToArray();
        return folders.Length == 1
            ? folders[0]
            : throw new InvalidOperationException($"Expected one events/<workflow>/{step}/ folder, found {folders.Length}: {string.Join(", ", folders)}.");
    }

    /// <summary>One step's payload: <c>Event("Plan", "false-alarm.json")</c> or <c>Event("Plan/false-alarm.json")</c>.</summary>
    public static string Event(string step, string file) => Path.Combine(EventFolder(step), file);

    /// <inheritdoc cref="Event(string, string)"/>
    public static string Event(string stepAndFile)
    {
        var parts = stepAndFile.Split('/', 2);
        return parts.Length == 2 ? Event(parts[0], parts[1]) : throw new ArgumentException($"'{stepAndFile}' is not <Step>/<file>.json", nameof(stepAndFile));
    }

    /// <summary>The JSON payloads of one step (events/&lt;workflow&gt;/&lt;Step&gt;/*.json, not the <c>*.expected.json</c> outcomes), sorted by name.</summary>
    public static IReadOnlyList<string> EventFiles(string step)
    {
        var folder = EventFolder(step);
        var files = Directory.GetFiles(folder, "*.json")
            .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files : throw new InvalidOperationException($"No event fixtures in {folder}.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Automation.sln not found above {AppContext.BaseDirectory}.");
    }
}
