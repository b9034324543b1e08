namespace Automation.Core.Runbooks;

/// <summary>
/// One problem in a config file: the file, the field path (e.g. <c>queries[1].sortKey.parameter</c>), its line, and
/// what is wrong.
/// </summary>
/// <param name="Path">Dotted field path with list indexes; <c>(document)</c> or <c>(file)</c> for the file as a whole.</param>
/// <param name="Line">1-based line in the file, or 0 when unknown.</param>
/// <param name="Message">What is wrong and what is expected.</param>
/// <param name="File">The file, relative to the runbooks folder (e.g. <c>segments/orders.yaml</c>), or null for a single-file parse.</param>
public sealed record ConfigError(string Path, int Line, string Message, string? File = null)
{
    /// <summary>
    /// <c>segments/orders.yaml:12: queries[0].pageLimit: required ...</c> (compiler style, as the lint command prints
    /// it); without a file, <c>path (line n): message</c>.
    /// </summary>
    public override string ToString() => File is not null
        ? $"{File}{(Line > 0 ? $":{Line}" : string.Empty)}: {Path}: {Message}"
        : Line > 0 ? $"{Path} (line {Line}): {Message}" : $"{Path}: {Message}";
}
