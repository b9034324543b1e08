using Automation.LocalCloud.Deployment;
using Automation.LocalCloud.Hosting;

namespace Automation.Workflow.Tests;

/// <summary>One local cloud for the whole test run: started and deployed once, stopped (moto
/// included) when the run ends, whether tests passed or not. Tests use their own tables and
/// execution names, so their order does not matter.</summary>
public sealed class LocalCloudFixture : IAsyncLifetime
{
    private Sandbox? _sandbox;

    public Sandbox Sandbox => _sandbox ?? throw new InvalidOperationException("The local cloud did not start.");

    public StackDeployment Stack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // No silent skip: without moto this throws with the install hint, and every test fails.
        _sandbox = await Sandbox.StartAsync(new SandboxOptions { Paths = new RepositoryPaths(Automation.Tests.Shared.RepoPaths.Root) });
        Stack = await _sandbox.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedLocalCloud : ICollectionFixture<LocalCloudFixture>
{
    public const string Name = "local cloud";
}
