namespace Automation.Core.Runbooks;

/// <summary>One file of the runbooks folder, as text (the parser reads no files itself).</summary>
/// <param name="RelativePath">Path relative to the runbooks folder, '/'-separated: <c>defaults.yaml</c>, <c>segments/orders.yaml</c>.</param>
/// <param name="Text">The file's content.</param>
public sealed record RunbookFile(string RelativePath, string Text);
