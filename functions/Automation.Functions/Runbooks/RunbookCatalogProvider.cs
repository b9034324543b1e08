using Automation.Core.Guardrails;
using Automation.Core.Runbooks;
using Automation.Core.Segments;
using Automation.Runbooks.Files;

namespace Automation.Functions.Runbooks;

/// <summary>
/// The runbooks folder (<c>defaults.yaml</c> + <c>segments/*.yaml</c>), shipped as <c>runbooks/</c> next to
/// <c>bootstrap</c> (or the folder named by <c>RUNBOOKS_PATH</c>): the segment catalog with its query templates, and the
/// guardrail policy. Read and parsed once per process, on first use; a broken file fails every use with
/// <see cref="Core.Errors.ErrorTypes.InvalidRunbookConfig"/> listing every problem of every file.
/// </summary>
public sealed class RunbookCatalogProvider
{
    public const string PathVariable = "RUNBOOKS_PATH";

    private readonly Lazy<SegmentCatalog> _catalog;

    public RunbookCatalogProvider(Func<SegmentCatalog> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _catalog = new Lazy<SegmentCatalog>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every segment and query template, with the guardrails and query limits.</summary>
    public SegmentCatalog Catalog => _catalog.Value;

    /// <summary>The guardrail policy (defaults, pricing, one resolved segment per segment file).</summary>
    public GuardrailPolicy Policy => Catalog.Guardrails;

    /// <summary>The deployed configuration: RUNBOOKS_PATH, else runbooks/ beside the executable.</summary>
    public static RunbookCatalogProvider FromEnvironment() => new(() => Load(DefaultPath()));

    /// <summary>A provider for one folder (tests, tools).</summary>
    public static RunbookCatalogProvider ForFolder(string path) => new(() => Load(path));

    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "runbooks");

    private static SegmentCatalog Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new AutomationException(ErrorTypes.InternalError,
                $"Runbooks folder '{folder}' not found: it ships as runbooks/ (defaults.yaml, segments/*.yaml) beside bootstrap, or {PathVariable} names it.");
        }

        return RunbookCatalogParser.Parse(RunbookFolder.Read(folder), folder);
    }
}
