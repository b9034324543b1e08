using Automation.Core.Errors;
using Automation.Core.Queries;
using Automation.Core.Runbooks;
using Automation.Core.Segments;
using Automation.Runbooks.Files;

namespace Automation.Runbooks;

/// <summary>
/// <c>runbooks lint [folder]</c>: every problem of every file, one per line as <c>folder/file:line: field: message</c>,
/// then a summary; exit 1 on any problem. <c>runbooks explain &lt;template&gt; [name=value ...]</c>: the template's plan,
/// offline. Exit 2: usage or a folder that does not exist.
/// </summary>
public static class RunbooksCommand
{
    public const string DefaultFolder = "runbooks/";

    private const string Usage = """
        usage:
          runbooks lint [folder]                        check defaults.yaml and segments/*.yaml (default folder: runbooks/)
          runbooks explain <template> [name=value ...]  print the template's plan and worst-case cost; nothing is read
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        switch (args.Count > 0 ? args[0] : null)
        {
            case "lint" when args.Count <= 2:
                return Lint(args.Count == 2 ? args[1] : DefaultFolder, output, error);
            case "explain" when args.Count >= 2 && Assignments(args.Skip(2), error) is { } parameters:
                return Explain(args[1], parameters, output, error);
            case "-h" or "--help" or "help":
                output.WriteLine(Usage);
                return 0;
            default:
                error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>Lints <paramref name="folder"/>; 0 when clean, 1 on problems, 2 when the folder is missing.</summary>
    public static int Lint(string folder, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string prefix = folder.EndsWith('/') || folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + "/";
        IReadOnlyList<RunbookFile> files;
        try
        {
            files = RunbookFolder.Read(folder);
        }
        catch (DirectoryNotFoundException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }

        RunbookLintResult result = RunbookCatalogParser.Lint(files);
        foreach (ConfigError problem in result.Errors)
        {
            output.WriteLine(prefix + problem);
        }

        if (result.Catalog is { } catalog)
        {
            int templates = catalog.Segments.Sum(s => s.Queries.Count);
            output.WriteLine($"{prefix}: {files.Count} files, {catalog.Segments.Count} segments, {templates} query templates, version {catalog.Version}: no problems");
            return 0;
        }

        int inFiles = result.Errors.Select(e => e.File).Distinct(StringComparer.Ordinal).Count();
        output.WriteLine($"{prefix}: {result.Errors.Count} problem{(result.Errors.Count == 1 ? string.Empty : "s")} in {inFiles} file{(inFiles == 1 ? string.Empty : "s")}");
        return 1;
    }

    /// <summary>Prints the plan of <paramref name="template"/> for <paramref name="parameters"/>, reading nothing.</summary>
    public static int Explain(string template, IReadOnlyDictionary<string, string> parameters, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        return Explain(DefaultFolder, template, parameters, output, error);
    }

    /// <summary>
    /// Prints the plan of <paramref name="template"/> from the runbooks in <paramref name="folder"/>: what the query
    /// runbook would read (table, index, expressions with their masked values) and its worst-case cost, with the
    /// template hash the run records. 0 when the template plans; 1 on bad parameters or runbooks that fail lint; 2 when
    /// the folder is missing.
    /// </summary>
    public static int Explain(string folder, string template, IReadOnlyDictionary<string, string> parameters, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<RunbookFile> files;
        try
        {
            files = RunbookFolder.Read(folder);
        }
        catch (DirectoryNotFoundException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }

        try
        {
            SegmentCatalog catalog = RunbookCatalogParser.Parse(files, folder);
            QueryPlan plan = QueryPlanner.Plan(catalog, template, parameters.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal));
            output.WriteLine(QueryExplanation.Of(plan).Render());
            return 0;
        }
        catch (AutomationException e)
        {
            error.WriteLine($"{e.ErrorType}: {e.Message}");
            return 1;
        }
    }

    /// <summary><c>name=value</c> arguments; null (with a message) when one is malformed or repeated.</summary>
    private static Dictionary<string, string>? Assignments(IEnumerable<string> args, TextWriter error)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string arg in args)
        {
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !parameters.TryAdd(arg[..equals], arg[(equals + 1)..]))
            {
                error.WriteLine($"'{arg}': expected name=value, each name once");
                return null;
            }
        }

        return parameters;
    }
}
