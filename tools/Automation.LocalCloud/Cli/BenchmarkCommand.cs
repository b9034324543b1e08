using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Automation.LocalCloud.Hosting;
using Automation.LocalCloud.Scenarios;

namespace Automation.LocalCloud.Cli;

/// <summary>
/// `bench`: N runs of `play SCENARIO --repeat 2 --json` (or `--repeat 1`), each in its own process (a sandbox per
/// process, as people and the tests run it): start + deploy, then the scenario twice, cold (the
/// first execution in a fresh moto) and warm. With <c>--to-state NAME</c> it also reports the time from the
/// trigger (the alarm's state change) to the state being entered, e.g. UpdateTableThroughput for "alarm event
/// to UpdateTable issued". Prints a Markdown table (docs/benchmarks-localcloud.md holds the numbers of record).
/// </summary>
internal static class BenchmarkCommand
{
    public static async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken token)
    {
        var runs = int.Parse(arguments.Options.GetValueOrDefault("--runs", "5"), CultureInfo.InvariantCulture);
        var paths = RepositoryPaths.Discover();
        var name = arguments.Positional.Count > 0 ? arguments.Positional[0] : CommandLine.DefaultScenario;
        ScenarioLoader.Resolve(name, paths.Scenarios); // fail now, not in every child
        var uncached = arguments.Flags.Contains("--no-translation-cache");
        var toState = arguments.Options.GetValueOrDefault("--to-state");
        var toStateCold = new List<double>();
        var toStateWarm = new List<double>();

        // Plays per cloud: 2 measures a warm cloud too. Use 1 for a scenario whose plan depends on its metrics:
        // a second play publishes them again into the same CloudWatch, which sums them (demand looks doubled).
        var plays = int.Parse(arguments.Options.GetValueOrDefault("--repeat", "2"), CultureInfo.InvariantCulture);
        if (plays is not (1 or 2))
        {
            throw new ArgumentException("bench --repeat must be 1 (fresh cloud only) or 2 (fresh, then the same cloud).");
        }

        var upDeploy = new List<double>();
        var cold = new List<double>();
        var warm = new List<double>();
        var wall = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            if (uncached && Directory.Exists(TranslationCache(paths)))
            {
                Directory.Delete(TranslationCache(paths), recursive: true);
            }

            var clock = Stopwatch.StartNew();
            var result = await PlayInChildAsync(paths, name, plays, token).ConfigureAwait(false);
            wall.Add(clock.Elapsed.TotalMilliseconds);
            if (result is null || !result.Passed || result.Scenarios.Count != plays)
            {
                var failures = result?.Scenarios.SelectMany(s => s.Failures) ?? ["no result"];
                await output.WriteLineAsync($"run {run}: scenario {name} did not pass: {string.Join("; ", failures)}").ConfigureAwait(false);
                return 1;
            }

            if (toState is not null)
            {
                var reached = result.Scenarios.Select(s => TriggerTo(s, toState)).ToList();
                if (reached.Any(ms => ms is null))
                {
                    await output.WriteLineAsync($"run {run}: scenario {name} never entered state {toState}").ConfigureAwait(false);
                    return 1;
                }

                toStateCold.Add(reached[0]!.Value);
                if (plays == 2)
                {
                    toStateWarm.Add(reached[1]!.Value);
                }
            }

            upDeploy.Add(result.UpAndDeployMs);
            cold.Add(result.Scenarios[0].DurationMs);
            if (plays == 2)
            {
                warm.Add(result.Scenarios[1].DurationMs);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {run}/{runs}: up+deploy {upDeploy[^1]:F0} ms, {name} cold {cold[^1]} ms{(plays == 2 ? $", warm {warm[^1]} ms" : string.Empty)}{(toState is null ? string.Empty : $", trigger to {toState} {toStateCold[^1]:F0} ms")}, whole command {wall[^1]:F0} ms")).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"| measure ({runs} runs, {Environment.ProcessorCount} cores) | min | median | max |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---:|---:|---:|").ConfigureAwait(false);
        await output.WriteLineAsync(Row($"local cloud up + stack deployed ({(uncached ? "template translated each run" : "translation cached")})", upDeploy)).ConfigureAwait(false);
        await output.WriteLineAsync(Row($"scenario `{name}`, first in a fresh cloud", cold)).ConfigureAwait(false);
        if (plays == 2)
        {
            await output.WriteLineAsync(Row($"scenario `{name}`, again in the same cloud", warm)).ConfigureAwait(false);
        }

        if (toState is not null)
        {
            await output.WriteLineAsync(Row($"trigger (alarm state change) → `{toState}` entered, fresh cloud", toStateCold)).ConfigureAwait(false);
            if (plays == 2)
            {
                await output.WriteLineAsync(Row($"trigger (alarm state change) → `{toState}` entered, same cloud", toStateWarm)).ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync(Row("whole command (process start to exit, both plays)", wall)).ConfigureAwait(false);
        return 0;
    }

    private static async Task<ScenarioRun?> PlayInChildAsync(RepositoryPaths paths, string scenario, int plays, CancellationToken token)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = paths.Root,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchmarkCommand).Assembly.Location);
        }

        foreach (var argument in new[] { "play", scenario, "--repeat", plays.ToString(CultureInfo.InvariantCulture), "--json" })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new LocalCloudException("The benchmark could not start a child process.");
        var stdout = await child.StandardOutput.ReadToEndAsync(token).ConfigureAwait(false);
        await child.WaitForExitAsync(token).ConfigureAwait(false);
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is null ? null : JsonSerializer.Deserialize(last, ScenarioJsonContext.Default.ScenarioRun);
    }

    private static double? TriggerTo(ScenarioResult result, string state) =>
        result.TriggerToStartMs is { } delivery && result.Timeline.FirstOrDefault(e => e.State == state) is { } entry
            ? delivery + entry.StartMs
            : null;

    private static string TranslationCache(RepositoryPaths paths) => Path.Combine(paths.Root, "artifacts", "localcloud", "translations");

    private static string Row(string label, List<double> values)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"| {label} | {sorted[0] / 1000:F2} s | {median / 1000:F2} s | {sorted[^1] / 1000:F2} s |");
    }
}
