namespace Automation.Core.Segments;

/// <summary>
/// Classes of attributes a segment declares. <see cref="Sensitive"/> attributes are masked wherever items or
/// parameters bound to them leave the runner: execution output, the S3 result set, audit records, logs.
/// </summary>
/// <param name="Sensitive">Top-level attribute names whose values are masked (e.g. email, phone).</param>
public sealed record AttributeClasses(IReadOnlyList<string> Sensitive)
{
    /// <summary>No classes declared.</summary>
    public static AttributeClasses None { get; } = new([]);

    /// <summary>Is <paramref name="attribute"/> masked?</summary>
    public bool IsSensitive(string attribute) => Sensitive.Contains(attribute, StringComparer.Ordinal);
}
