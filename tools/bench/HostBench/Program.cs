using System.Globalization;

using HostBench;

// Cold init and peak memory of the published `bootstrap` beside a minimal hello-world custom
// runtime, measured in the same run, interleaved so that machine noise hits both alike.
var options = BenchOptions.Parse(args);
var payload = File.ReadAllBytes(options.PayloadPath);
Target[] targets =
[
    new("hello world (HelloLambda)", options.HelloPath, Handler: null),
    new($"bootstrap ({options.Handler})", options.BootstrapPath, options.Handler),
];
var samples = targets.ToDictionary(t => t, _ => new List<Sample>());

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Warming up ({options.Warmup} runs each), then {options.Runs} measured runs each, {options.Invocations} invocations per run..."));
for (var run = -options.Warmup; run < options.Runs; run++)
{
    // Alternate which executable goes first, so neither always follows the other.
    var order = run % 2 == 0 ? targets : targets.Reverse().ToArray();
    foreach (var target in order)
    {
        var sample = await target.MeasureAsync(payload, options.Invocations, options.ChildEnvironment).ConfigureAwait(false);
        if (run >= 0)
        {
            samples[target].Add(sample);
        }
    }
}

var report = BenchReport.Render(options, samples[targets[0]], samples[targets[1]]);
Console.WriteLine(report);
if (options.OutputPath is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
    await File.WriteAllTextAsync(options.OutputPath, report).ConfigureAwait(false);
    Console.WriteLine($"Written to {options.OutputPath}");
}
