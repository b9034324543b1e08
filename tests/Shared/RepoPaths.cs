namespace Automation.Tests.Shared;

/// <summary>Locates files of the repository from a test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Automation.sln.</summary>
    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The JSON fixtures of one function (events/&lt;Function&gt;/*.json), sorted by name.</summary>
    public static IReadOnlyList<string> EventFiles(string function)
    {
        var folder = Combine("events", function);
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : [];
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
