using System.Globalization;

using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// Typed reads from YamlDotNet's node model with field paths and line numbers in every error.
/// Collects errors instead of throwing, so one run reports every problem in the file. A read that fails
/// returns the fallback, so parsing can go on.
/// </summary>
internal sealed class YamlConfigReader
{
    private readonly List<ConfigError> _errors = [];

    public IReadOnlyList<ConfigError> Errors => _errors;

    public void Error(string path, YamlNode? node, string message) =>
        _errors.Add(new ConfigError(path, node is null ? 0 : (int)node.Start.Line, message));

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

        if (node is not YamlScalarNode s || (s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is null or "" or "~" or "null"))
        {
            Error(field, node, "must be a single value");
            return false;
        }

        scalar = s;
        return true;
    }

    private static string Range(string value, string min, string max) => $"must be between {min} and {max} (got {value})";
}
