using System.Runtime.InteropServices;

namespace Automation.LocalCloud.Cli;

/// <summary>Ctrl-C and SIGTERM cancel <see cref="Token"/> instead of killing the process, so the
/// sandbox is disposed and moto stopped. (If this process is killed outright, moto still exits:
/// the launcher watches its stdin pipe.)</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public ShutdownSignal()
    {
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
    }

    public CancellationToken Token => _source.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _source.Dispose();
    }
}
