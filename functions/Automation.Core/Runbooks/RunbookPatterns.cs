using System.Text.RegularExpressions;

namespace Automation.Core.Runbooks;

/// <summary>The name rules of runbook config, one place for every parser.</summary>
internal static partial class RunbookPatterns
{
    /// <summary>Segment names (and so segment file names).</summary>
    public const string SegmentNameRule = "letters, digits, '.', '_' or '-' (at most 100, starting with a letter or digit)";

    /// <summary>Table and index names, as DynamoDB allows them.</summary>
    public const string DynamoDbNameRule = "a DynamoDB name: 3-255 of letters, digits, '_', '-', '.'";

    /// <summary>Query template names.</summary>
    public const string TemplateNameRule = "lower-case letters, digits and '-' (at most 64, starting with a letter or digit)";

    /// <summary>Template parameter names.</summary>
    public const string ParameterNameRule = "a letter, then letters, digits or '_' (at most 64)";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    public static partial Regex SegmentName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$", RegexOptions.CultureInvariant)]
    public static partial Regex DynamoDbName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    public static partial Regex TemplateName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    public static partial Regex ParameterName();

    /// <summary>Number text as a template value: optional minus, digits, optional fraction and exponent (e.g. <c>-12.5</c>, <c>1e3</c>).</summary>
    [GeneratedRegex("^-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    public static partial Regex Number();
}
