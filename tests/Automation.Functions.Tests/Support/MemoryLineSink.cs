using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

using Automation.Functions.Logging;

namespace Automation.Functions.Tests.Support;

/// <summary>Collects the lines a logger or metrics writer produces, for parsing in assertions.</summary>
internal sealed class MemoryLineSink : ILogLineSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Write(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        _lines.Enqueue(text.TrimEnd('\n'));
    }

    /// <summary>The only line written, parsed.</summary>
    public JsonElement SingleJson() => JsonDocument.Parse(Assert.Single(Lines)).RootElement.Clone();

    public IReadOnlyList<JsonElement> AllJson() =>
        Lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
}
