using System.Globalization;
using System.Text.RegularExpressions;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// Typed reads from YamlDotNet's node model with field paths and line numbers in every error.
/// Collects errors instead of throwing, so one run reports every problem in the file. A read that fails
/// returns the fallback, so parsing can go on. One reader per file: its errors carry that file.
/// </summary>
/// <param name="file">The file the errors are about (relative to the runbooks folder), or null for a single-file parse.</param>
internal sealed class YamlConfigReader(string? file = null)
{
    private readonly List<ConfigError> _errors = [];

    public IReadOnlyList<ConfigError> Errors => _errors;

    /// <summary>The file this reader reads, or null.</summary>
    public string? File { get; } = file;

    public void Error(string path, YamlNode? node, string message) =>
        _errors.Add(new ConfigError(path, Line(node), message, File));

    /// <summary>1-based line of a node, 0 for none.</summary>
    public static int Line(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    /// <summary>The one YAML document of <paramref name="text"/> as a mapping, or null (with an error).</summary>
    public YamlMappingNode? LoadMapping(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            Error("(document)", null, $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            Error("(document)", null, stream.Documents.Count == 0 ? "the file is empty" : "expected exactly one YAML document");
            return null;
        }

        return Mapping(stream.Documents[0].RootNode, "(document)");
    }

    /// <summary>The child node, or null with the error <c>required: what</c> on the field.</summary>
    public YamlNode? Required(YamlMappingNode mapping, string path, string key, string what)
    {
        if (Child(mapping, key) is { } node && !IsNull(node))
        {
            return node;
        }

        Error(Join(path, key), mapping, $"required: {what}");
        return null;
    }

    /// <summary>The node as a list, or null (with an error) when it is something else.</summary>
    public YamlSequenceNode? Sequence(YamlNode node, string path, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Error(path, node, $"must be a list of {what}");
        return null;
    }

    /// <summary>The node's text when it is a single value, else null (with an error).</summary>
    public string? Scalar(YamlNode node, string path)
    {
        if (node is YamlScalarNode s && !IsNull(s) && !string.IsNullOrEmpty(s.Value))
        {
            return s.Value;
        }

        Error(path, node, node is YamlScalarNode ? "must not be empty" : "must be a single value");
        return null;
    }

    /// <summary>A list of distinct non-empty values (e.g. attribute names); empty when the field is absent.</summary>
    public IReadOnlyList<string> StringList(YamlMappingNode mapping, string path, string key, string what)
    {
        string field = Join(path, key);
        if (Child(mapping, key) is not { } node || IsNull(node) || Sequence(node, field, what) is not { } list)
        {
            return [];
        }

        var values = new List<string>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            if (Scalar(list.Children[i], $"{field}[{i}]") is not { } value)
            {
                continue;
            }

            if (values.Contains(value, StringComparer.Ordinal))
            {
                Error($"{field}[{i}]", list.Children[i], $"'{value}' is listed twice");
                continue;
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>A plain <c>~</c>, <c>null</c> or empty value: the field is given without a value.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == ScalarStyle.Plain && s.Value is null or "" or "~" or "null";

    /// <summary>The node as a mapping, or null (with an error) when it is something else.</summary>
    public YamlMappingNode? Mapping(YamlNode node, string path)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(path, node, "must be a mapping of fields (key: value)");
        return null;
    }

    /// <summary>Reports every key not in <paramref name="allowed"/> (typos would otherwise be silently ignored).</summary>
    public void OnlyKeys(YamlMappingNode mapping, string path, params string[] allowed)
    {
        foreach (YamlNode key in mapping.Children.Keys)
        {
            string name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(allowed, name) < 0)
            {
                Error(Join(path, name), key, $"unknown field; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) ? node : null;

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public double Double(YamlMappingNode mapping, string path, string key, double fallback, double min, double max)
    {
        if (!TryScalar(mapping, path, key, out YamlScalarNode? node, out string field))
        {
            return fallback;
        }

        if (!double.TryParse(node!.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            Error(field, node, $"must be a number (got '{node.Value}')");
            return fallback;
        }

        if (value < min || value > max)
        {
            Error(field, node, Range(value.ToString(CultureInfo.InvariantCulture), min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture)));
            return fallback;
        }

        return value;
    }

    public long Long(YamlMappingNode mapping, string path, string key, long fallback, long min, long max)
    {
        if (!TryScalar(mapping, path, key, out YamlScalarNode? node, out string field))
        {
            return fallback;
        }

        string text = node!.Value!.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            Error(field, node, $"must be a whole number (got '{node.Value}')");
            return fallback;
        }

        if (value < min || value > max)
        {
            Error(field, node, Range(value.ToString(CultureInfo.InvariantCulture), min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture)));
            return fallback;
        }

        return value;
    }

    public int Int(YamlMappingNode mapping, string path, string key, int fallback, int min, int max) =>
        (int)Long(mapping, path, key, fallback, min, max);

    public bool Bool(YamlMappingNode mapping, string path, string key, bool fallback)
    {
        if (!TryScalar(mapping, path, key, out YamlScalarNode? node, out string field))
        {
            return fallback;
        }

        // Only true/false: YAML 1.1's yes/no/on/off are too easy to misread.
        switch (node!.Value)
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                Error(field, node, $"must be true or false (got '{node.Value}')");
                return fallback;
        }
    }

    public string? String(YamlMappingNode mapping, string path, string key, string? fallback)
    {
        if (!TryScalar(mapping, path, key, out YamlScalarNode? node, out string field))
        {
            return fallback;
        }

        if (string.IsNullOrEmpty(node!.Value))
        {
            Error(field, node, "must not be empty");
            return fallback;
        }

        return node.Value;
    }

    /// <summary>A name that must match <paramref name="pattern"/>; null when absent (an error if required) or invalid.</summary>
    public string? Name(YamlMappingNode mapping, string path, string key, Regex pattern, string rule, bool required)
    {
        YamlNode? node = Child(mapping, key);
        if (node is null)
        {
            if (required)
            {
                Error(Join(path, key), mapping, $"required: {rule}");
            }

            return null;
        }

        string? value = String(mapping, path, key, null);
        if (value is not null && !pattern.IsMatch(value))
        {
            Error(Join(path, key), node, $"must be {rule} (got '{value}')");
            return null;
        }

        return value;
    }

    /// <summary>A value from a fixed set of names, compared exactly (they are documented in camelCase).</summary>
    public T Choice<T>(YamlMappingNode mapping, string path, string key, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        if (!TryScalar(mapping, path, key, out YamlScalarNode? node, out string field))
        {
            return fallback;
        }

        if (choices.TryGetValue(node!.Value ?? string.Empty, out T? value))
        {
            return value;
        }

        Error(field, node, $"must be one of: {string.Join(", ", choices.Keys)} (got '{node.Value}')");
        return fallback;
    }

    private bool TryScalar(YamlMappingNode mapping, string path, string key, out YamlScalarNode? scalar, out string field)
    {
        field = Join(path, key);
        scalar = null;
        YamlNode? node = Child(mapping, key);
        if (node is null)
        {
            return false;
        }

        if (node is not YamlScalarNode s || IsNull(s))
        {
            Error(field, node, "must be a single value");
            return false;
        }

        scalar = s;
        return true;
    }

    private static string Range(string value, string min, string max) => $"must be between {min} and {max} (got {value})";
}
