using System.Diagnostics;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Hosting;
using Automation.Tests.Shared;

namespace Automation.LocalCloud.Tests.Hosting;

/// <summary>moto never outlives the process that started it.</summary>
public sealed class LauncherTests
{
    [Fact]
    public async Task The_launcher_exits_when_its_parent_goes_away()
    {
        var start = new ProcessStartInfo(RepoPaths.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(new RepositoryPaths(RepoPaths.Root).MotoLauncher);
        start.ArgumentList.Add("--watch-stdin");
        using var launcher = Process.Start(start)!;
        try
        {
            var ready = JsonNode.Parse((await launcher.StandardOutput.ReadLineAsync())!)!;
            Assert.True(ready["ready"]!.GetValue<bool>(), MotoServer.InstallHint);

            launcher.StandardInput.Close(); // what the OS does when the parent dies, even by SIGKILL

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await launcher.WaitForExitAsync(timeout.Token);
            Assert.True(launcher.HasExited);
        }
        finally
        {
            if (!launcher.HasExited)
            {
                launcher.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void The_tests_and_the_local_cloud_use_one_python()
    {
        Assert.Equal(RepoPaths.Python, new RepositoryPaths(RepoPaths.Root).Python);
    }

    [Fact]
    public async Task Disposing_the_sandbox_stops_moto()
    {
        var sandbox = await Sandbox.StartAsync(new SandboxOptions { Paths = new RepositoryPaths(RepoPaths.Root), SetProcessEnvironment = false });
        var moto = Process.GetProcessById(sandbox.MotoProcessId);

        await sandbox.DisposeAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await moto.WaitForExitAsync(timeout.Token);
        Assert.True(moto.HasExited);
    }
}
