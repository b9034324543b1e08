namespace Automation.Core.Runbooks;

/// <summary>One problem in a config file: the field path (e.g. <c>segments[1].capacity.headroom</c>), its line, and what is wrong.</summary>
/// <param name="Path">Dotted field path with list indexes.</param>
/// <param name="Line">1-based line in the file, or 0 when unknown.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ConfigError(string Path, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{Path} (line {Line}): {Message}" : $"{Path}: {Message}";
}
