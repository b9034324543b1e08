using Automation.LocalCloud.Deployment;
using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.LocalCloud.Tests.BreakGlassSupport;

/// <summary>The test-only stack of this folder (support-template.yaml) and its scenarios.</summary>
internal static class SupportStack
{
    public static string Folder => RepoPaths.Combine("tests", "Automation.LocalCloud.Tests", "BreakGlassSupport");

    public static Task<StackDeployment> DeployAsync(LocalCloudFixture cloud) =>
        cloud.Sandbox.DeployAsync(Path.Combine(Folder, "support-template.yaml"), new Dictionary<string, string>());

    public static Scenario Scenario(string file) => ScenarioLoader.Load(Path.Combine(Folder, file));

    /// <summary>Polls until <paramref name="probe"/> gives a value, or fails the test after <paramref name="seconds"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, int seconds = 20)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {seconds} s: {what}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 1.5));
        }
    }
}
