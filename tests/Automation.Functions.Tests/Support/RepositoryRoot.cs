namespace Automation.Functions.Tests.Support;

/// <summary>Finds the repository checkout the tests run from (the folder holding Automation.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Automation.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Automation.sln above {AppContext.BaseDirectory}; run the tests from a repository checkout.");
    }
}
