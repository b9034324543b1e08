namespace Automation.Tests.Shared;

/// <summary>Locates files of the repository from a test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Automation.sln.</summary>
    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

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
