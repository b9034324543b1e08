using System.Globalization;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Scenarios.Expectations;

/// <summary>
/// The small JSONPath subset scenarios use: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[index]</c>
/// (negative from the end). Enough to point at one value; no wildcards or filters.
/// </summary>
public static class JsonPath
{
    /// <summary>Finds the value at <paramref name="path"/>; <c>found</c> is false when any step is missing.</summary>
    public static (bool Found, JsonNode? Value) Select(JsonNode? root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('$'))
        {
            throw new FormatException($"JSON path '{path}' must start with '$'.");
        }

        var current = root;
        var i = 1;
        while (i < path.Length)
        {
            string? name = null;
            int? index = null;
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                name = path[(i + 1)..end];
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] is '\'' or '"')
            {
                var quote = path[i + 1];
                var end = path.IndexOf(quote, i + 2);
                if (end < 0 || end + 1 >= path.Length || path[end + 1] != ']')
                {
                    throw new FormatException($"JSON path '{path}': unterminated ['name'].");
                }

                name = path[(i + 2)..end];
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"JSON path '{path}': unterminated [index].");
                }

                index = int.Parse(path[(i + 1)..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                i = end + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{path}': unexpected '{path[i]}' at {i}.");
            }

            if (name is not null)
            {
                if (current is not JsonObject obj || !obj.TryGetPropertyValue(name, out var next))
                {
                    return (false, null);
                }

                current = next;
            }
            else
            {
                if (current is not JsonArray array)
                {
                    return (false, null);
                }

                var position = index!.Value < 0 ? array.Count + index.Value : index.Value;
                if (position < 0 || position >= array.Count)
                {
                    return (false, null);
                }

                current = array[position];
            }
        }

        return (true, current);
    }
}
