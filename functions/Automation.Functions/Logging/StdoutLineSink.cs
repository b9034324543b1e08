namespace Automation.Functions.Logging;

/// <summary>
/// Writes lines straight to the process's stdout stream. Each line goes out in a single write
/// under a lock, so concurrent writers never interleave within a line, and nothing is buffered
/// (a line written before a crash or a freeze of the sandbox is not lost).
/// </summary>
public sealed class StdoutLineSink : ILogLineSink, IDisposable
{
    private readonly Stream _stdout = Console.OpenStandardOutput();
    private readonly Lock _gate = new();

    public void Write(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            _stdout.Write(line);
            _stdout.Flush();
        }
    }

    public void Dispose() => _stdout.Dispose();
}
