using Microsoft.Win32.SafeHandles;

namespace Automation.Functions.Logging;

/// <summary>
/// Writes lines straight to file descriptor 1. Each line goes out in one unbuffered write under a
/// lock, so concurrent writers never interleave within a line and nothing is lost if the sandbox
/// is frozen or killed right after.
/// </summary>
/// <remarks>
/// Deliberately not <c>Console.OpenStandardOutput()</c>: on Unix its first write initialises the
/// whole console (terminal settings, signal handling, <c>Console.Out</c>); with HostBench the first
/// invocation was ~40 ms slower that way. A plain FileStream on fd 1 has none of that.
/// </remarks>
public sealed class StdoutLineSink : ILogLineSink, IDisposable
{
    private readonly FileStream _stdout = new(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
    private readonly Lock _gate = new();

    public void Write(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            _stdout.Write(line);
        }
    }

    public void Dispose() => _stdout.Dispose();
}
