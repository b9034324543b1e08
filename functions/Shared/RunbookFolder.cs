using Automation.Core.Runbooks;

namespace Automation.Runbooks.Files;

/// <summary>
/// Reads the runbooks folder for <see cref="RunbookCatalogParser"/> (which reads no files itself): every <c>*.yaml</c> and
/// <c>*.yml</c> file under it, with its path relative to the folder ('/'-separated), in ordinal order. Files that are
/// not runbook files are read too, so the parser names them instead of ignoring them. This one source file is compiled
/// into the functions (the deployed catalog), the lint tool and the tests, as an internal type of each.
/// </summary>
internal static class RunbookFolder
{
    /// <summary>Every YAML file under <paramref name="folder"/>; throws <see cref="DirectoryNotFoundException"/> when it does not exist.</summary>
    public static IReadOnlyList<RunbookFile> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Runbooks folder '{folder}' not found.");
        }

        string root = Path.GetFullPath(folder);
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(f => new RunbookFile(Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(f)))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)];
    }
}
