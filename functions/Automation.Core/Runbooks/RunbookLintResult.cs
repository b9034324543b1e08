using Automation.Core.Segments;

namespace Automation.Core.Runbooks;

/// <summary>What the lint of a runbooks folder found.</summary>
/// <param name="Catalog">The parsed catalog when there is no error, else null.</param>
/// <param name="Errors">Every problem, each naming its file, field path and line; ordered by file, then line.</param>
public sealed record RunbookLintResult(SegmentCatalog? Catalog, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>No problem found.</summary>
    public bool IsValid => Errors.Count == 0;
}
