namespace Automation.LocalCloud.Hosting;

/// <summary>Where the repository's files are, found from the working directory or this assembly.</summary>
public sealed record RepositoryPaths(string Root)
{
    public string Template => Path.Combine(Root, "template.yaml");
    public string Scenarios => Path.Combine(Root, "scenarios");
    public string MotoLauncher => Path.Combine(Root, "tools", "localcloud", "moto_launcher.py");
    public string TemplateTool => Path.Combine(Root, "tools", "template", "sam_template.py");

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
