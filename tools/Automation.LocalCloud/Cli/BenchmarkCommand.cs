using System.Diagnostics;
using System.Globalization;
using Automation.LocalCloud.Hosting;
using Automation.LocalCloud.Scenarios;

namespace Automation.LocalCloud.Cli;

/// <summary>
/// `bench`: N fresh local clouds, each timed for start + deploy, then the scenario played twice:
/// cold (the first execution in a fresh moto, which still imports its interpreter) and warm.
/// Prints a Markdown table (docs/benchmarks-localcloud.md holds the numbers of record).
/// </summary>
internal static class BenchmarkCommand
{
    public static async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken token)
    {
        var runs = int.Parse(arguments.Options.GetValueOrDefault("--runs", "5"), CultureInfo.InvariantCulture);
        var paths = RepositoryPaths.Discover();
        var name = arguments.Positional.Count > 0 ? arguments.Positional[0] : CommandLine.DefaultScenario;
        var scenario = ScenarioLoader.Load(ScenarioLoader.Resolve(name, paths.Scenarios));

        var upDeploy = new List<double>();
        var cold = new List<double>();
        var warm = new List<double>();
        var uncached = arguments.Flags.Contains("--no-translation-cache");
        for (var run = 1; run <= runs; run++)
        {
            if (uncached && Directory.Exists(TranslationCache(paths)))
            {
                Directory.Delete(TranslationCache(paths), recursive: true);
            }

            var clock = Stopwatch.StartNew();
            await using var sandbox = await Sandbox.StartAsync(CommandLine.Options(arguments) with { Paths = paths }, token).ConfigureAwait(false);
            await sandbox.DeployAsync(null, token).ConfigureAwait(false);
            upDeploy.Add(clock.Elapsed.TotalMilliseconds);

            var first = await sandbox.PlayAsync(scenario, cancellationToken: token).ConfigureAwait(false);
            var second = await sandbox.PlayAsync(scenario, cancellationToken: token).ConfigureAwait(false);
            if (!first.Passed || !second.Passed)
            {
                await output.WriteLineAsync($"run {run}: scenario {scenario.Name} did not pass: {string.Join("; ", first.Failures.Concat(second.Failures))}").ConfigureAwait(false);
                return 1;
            }

            cold.Add(first.DurationMs);
            warm.Add(second.DurationMs);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {run}/{runs}: up+deploy {upDeploy[^1]:F0} ms, {scenario.Name} cold {first.DurationMs} ms, warm {second.DurationMs} ms")).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"| measure ({runs} runs, {Environment.ProcessorCount} cores) | min | median | max |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---:|---:|---:|").ConfigureAwait(false);
        await output.WriteLineAsync(Row($"local cloud up + stack deployed ({(uncached ? "template translated each run" : "translation cached")})", upDeploy)).ConfigureAwait(false);
        await output.WriteLineAsync(Row($"scenario `{scenario.Name}`, first in a fresh cloud", cold)).ConfigureAwait(false);
        await output.WriteLineAsync(Row($"scenario `{scenario.Name}`, again in the same cloud", warm)).ConfigureAwait(false);
        return 0;
    }

    private static string TranslationCache(RepositoryPaths paths) => Path.Combine(paths.Root, "artifacts", "localcloud", "translations");

    private static string Row(string label, List<double> values)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"| {label} | {sorted[0] / 1000:F2} s | {median / 1000:F2} s | {sorted[^1] / 1000:F2} s |");
    }
}
