using System.Diagnostics;
using System.Text.Json;
using Automation.LocalCloud.Hosting;
using Automation.LocalCloud.Scenarios;

namespace Automation.LocalCloud.Cli;

/// <summary>
/// <c>dotnet run --project tools/Automation.LocalCloud -- VERB</c>:
/// up, play [scenario|path] [--json], play --all, list, bench [--runs N] [--to-state STATE]. See tools/localcloud/README.md.
/// </summary>
internal static class CommandLine
{
    public const string DefaultScenario = "table-alarm";

    private const string Usage = """
        Local cloud (moto + the project's real handlers), deployed from template.yaml.

        usage: localcloud up [--param K=V]... [--verbose]
                   start, deploy, print the endpoint and environment, run until Ctrl-C
               localcloud play [SCENARIO|PATH] [--json] [--verbose] [--param K=V]...
                   play one scenario (default: table-alarm) with live progress;
                   --json: the last stdout line is the result as one JSON object
               localcloud play --all [--json]
                   play every scenario under scenarios/ (--repeat N: each N times in the same cloud)
               localcloud list
                   the scenarios under scenarios/
               localcloud bench [SCENARIO] [--runs N] [--repeat 1|2] [--to-state STATE] [--no-translation-cache]
                   time start+deploy and a scenario's wall time over N fresh local clouds (default 5)

        Exit code: 0 when every played scenario met its expected outcome, 1 when not, 2 on usage or setup errors.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        CliArguments arguments;
        try
        {
            arguments = CliArguments.Parse(args);
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            return 2;
        }

        using var shutdown = new ShutdownSignal();
        try
        {
            return arguments.Verb switch
            {
                "up" => await UpAsync(arguments, shutdown.Token).ConfigureAwait(false),
                "play" => await PlayAsync(arguments, shutdown.Token).ConfigureAwait(false),
                "list" => List(),
                "bench" => await BenchmarkCommand.RunAsync(arguments, Console.Out, shutdown.Token).ConfigureAwait(false),
                _ => Help(arguments.Verb),
            };
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("stopped").ConfigureAwait(false);
            return 130;
        }
        catch (Exception error) when (error is LocalCloudException or FormatException or FileNotFoundException or ArgumentException)
        {
            await Console.Error.WriteLineAsync(Environment.GetEnvironmentVariable("LOCALCLOUD_DEBUG") is null ? $"error: {error.Message}" : $"error: {error}").ConfigureAwait(false);
            return 2;
        }
    }

    private static int Help(string verb)
    {
        if (verb != "help")
        {
            Console.Error.WriteLine($"unknown command '{verb}'");
        }

        Console.WriteLine(Usage);
        return verb == "help" ? 0 : 2;
    }

    internal static SandboxOptions Options(CliArguments arguments) => new()
    {
        TemplatePath = arguments.Options.GetValueOrDefault("--template"),
        HandlerLogEcho = arguments.Flags.Contains("--verbose") ? Console.Error : null,
    };

    private static async Task<int> UpAsync(CliArguments arguments, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        await using var sandbox = await Sandbox.StartAsync(Options(arguments), token).ConfigureAwait(false);
        var stack = await sandbox.DeployAsync(arguments.Parameters, token).ConfigureAwait(false);
        Console.WriteLine($"local cloud up in {clock.ElapsedMilliseconds} ms (resources created in {(stack.DeployTime - stack.TranslationWait).TotalMilliseconds:F0} ms): moto {sandbox.MotoVersion} (pid {sandbox.MotoProcessId}) behind the router at {sandbox.Endpoint}");
        Console.WriteLine($"stack {stack.Name}: {stack.Resources.Count} resources from {sandbox.TemplatePath}");
        foreach (var resource in stack.Resources.Values)
        {
            Console.WriteLine($"  {resource.LogicalId,-50} {resource.Type,-34} {stack.CreationTimes.GetValueOrDefault(resource.LogicalId).TotalMilliseconds,6:F0} ms  {resource.PhysicalId}");
        }

        foreach (var (name, value) in stack.Outputs)
        {
            Console.WriteLine($"  output {name} = {value}");
        }

        Console.WriteLine();
        Console.WriteLine("Use it from another shell (AWS CLI, SDKs):");
        foreach (var (name, value) in sandbox.EnvironmentVariables)
        {
            Console.WriteLine($"  export {name}={value}");
        }

        Console.WriteLine();
        Console.WriteLine("Ctrl-C stops the local cloud.");
        await Task.Delay(Timeout.Infinite, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Console.WriteLine("stopping");
        return 0;
    }

    private static async Task<int> PlayAsync(CliArguments arguments, CancellationToken token)
    {
        var paths = RepositoryPaths.Discover();
        var files = arguments.Flags.Contains("--all")
            ? ScenarioLoader.Catalog(paths.Scenarios)
            : [ScenarioLoader.Resolve(arguments.Positional.Count > 0 ? arguments.Positional[0] : DefaultScenario, paths.Scenarios)];
        var repeat = int.Parse(arguments.Options.GetValueOrDefault("--repeat", "1"), System.Globalization.CultureInfo.InvariantCulture);
        var scenarios = files.Select(ScenarioLoader.Load).SelectMany(s => Enumerable.Repeat(s, repeat)).ToList();
        if (arguments.Parameters.Count > 0)
        {
            scenarios = scenarios.Select(s => s with { Parameters = new Dictionary<string, string>(s.Parameters.Concat(arguments.Parameters)) }).ToList();
        }

        var clock = Stopwatch.StartNew();
        await using var sandbox = await Sandbox.StartAsync(Options(arguments) with { Paths = paths }, token).ConfigureAwait(false);
        var up = sandbox.StartupTime;
        var stack = await sandbox.DeployAsync(null, token).ConfigureAwait(false);
        var upAndDeployMs = clock.ElapsedMilliseconds;
        Console.WriteLine($"local cloud up and stack deployed in {upAndDeployMs} ms " +
                          $"(moto ready {up.TotalMilliseconds:F0} ms, then {stack.TranslationWait.TotalMilliseconds:F0} ms waiting for the template translation, " +
                          $"{(stack.DeployTime - stack.TranslationWait).TotalMilliseconds:F0} ms creating {stack.Resources.Count} resources)");

        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            Console.WriteLine();
            Console.WriteLine($"> {scenario.Name}: {scenario.Description?.Trim()}");
            results.Add(await sandbox.PlayAsync(scenario, new ConsoleProgress(Console.Out), token).ConfigureAwait(false));
        }

        if (results.Count > 1)
        {
            Console.WriteLine();
            Console.WriteLine($"{results.Count(r => r.Passed)}/{results.Count} scenarios passed");
        }

        if (arguments.Flags.Contains("--json"))
        {
            // One play: its result; several (--all, --repeat): the run, with the up + deploy time.
            Console.WriteLine(results.Count == 1 && !arguments.Options.ContainsKey("--repeat")
                ? JsonSerializer.Serialize(results[0], ScenarioJsonContext.ReadableContext.ScenarioResult)
                : JsonSerializer.Serialize(new ScenarioRun(results.All(r => r.Passed), upAndDeployMs, results), ScenarioJsonContext.ReadableContext.ScenarioRun));
        }

        return results.All(r => r.Passed) ? 0 : 1;
    }

    private static int List()
    {
        var paths = RepositoryPaths.Discover();
        foreach (var file in ScenarioLoader.Catalog(paths.Scenarios))
        {
            var scenario = ScenarioLoader.Load(file);
            Console.WriteLine($"{scenario.Name,-28} {scenario.Workflow,-34} {Path.GetRelativePath(paths.Root, file)}");
            if (scenario.Description is not null)
            {
                Console.WriteLine($"    {scenario.Description.Trim()}");
            }
        }

        return 0;
    }
}
