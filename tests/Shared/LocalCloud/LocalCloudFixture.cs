using Automation.LocalCloud.Deployment;
using Automation.LocalCloud.Hosting;

namespace Automation.Tests.LocalCloud;

/// <summary>One local cloud for a test project's whole run: started and deployed once, stopped (moto
/// included) when the run ends, whether tests passed or not. Tests use their own tables and
/// execution names, so their order does not matter. Compiled into the test projects that set
/// <c>UsesLocalCloud</c> (tests/Directory.Build.props): the workflow tests and the local cloud's own;
/// each test process runs its own local cloud (the sandbox is one per process).</summary>
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
