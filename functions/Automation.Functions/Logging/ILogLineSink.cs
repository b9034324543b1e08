namespace Automation.Functions.Logging;

/// <summary>
/// Where finished JSON log lines go: stdout in Lambda (CloudWatch Logs takes one event per line),
/// memory in tests. Log lines and EMF metric documents share it so they never interleave.
/// </summary>
public interface ILogLineSink
{
    /// <summary>Writes one complete UTF-8 line, including its trailing <c>\n</c>, in one piece.</summary>
    void Write(ReadOnlySpan<byte> line);
}
