using System.Globalization;

using HostBench;

// Cold init, first invocation, peak memory and package size of the published Native AOT `bootstrap`, beside the
// same bootstrap published ReadyToRun and a Native AOT hello world, all in one run: the starts of every executable
// and handler alternate, so machine load (the build machines are shared) hits each alike.
var options = BenchOptions.Parse(args);
Target[] targets =
[
    new(BenchReport.Hello, options.HelloPath, TakesHandler: false),
    new(BenchReport.Aot, options.BootstrapPath, TakesHandler: true),
    new(BenchReport.ReadyToRun, options.ReadyToRunPath, TakesHandler: true),
];
BenchCase[] cases = [.. options.Workloads.SelectMany(w => targets.Select(t => new BenchCase(w, t)))];
var samples = cases.ToDictionary(c => c, _ => new List<Sample>());
var packages = targets.ToDictionary(t => t.Label, t => Package.Measure(t.Executable), StringComparer.Ordinal);
var loadBefore = BenchReport.LoadAverage();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases.Length} cases ({targets.Length} executables × {options.Workloads.Count} handlers), interleaved: {options.Warmup} warm-up rounds, then {options.Runs} measured rounds, {options.Invocations} invocations per start."));
for (var run = -options.Warmup; run < options.Runs; run++)
{
    // Rotate the order each round, and reverse it every other round, so no case always goes first
    // or always follows the same other case.
    var shift = ((run % cases.Length) + cases.Length) % cases.Length;
    IEnumerable<BenchCase> order = [.. cases.Skip(shift), .. cases.Take(shift)];
    if (run % 2 != 0)
    {
        order = order.Reverse();
    }
    foreach (var benchCase in order)
    {
        var sample = await benchCase.Target.MeasureAsync(benchCase.Workload, options.Invocations, options.ChildEnvironment).ConfigureAwait(false);
        if (run >= 0)
        {
            samples[benchCase].Add(sample);
        }
    }
    Console.Write(run < 0 ? "w" : ".");
}
Console.WriteLine();

var results = new BenchResults(options, samples, packages, loadBefore, BenchReport.LoadAverage());
var generated = BenchReport.Render(results);
Console.WriteLine(generated);
if (options.OutputPath is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
    var existing = File.Exists(options.OutputPath) ? await File.ReadAllTextAsync(options.OutputPath).ConfigureAwait(false) : null;
    await File.WriteAllTextAsync(options.OutputPath, BenchReport.Merge(existing, generated)).ConfigureAwait(false);
    Console.WriteLine($"Written to {options.OutputPath}");
}
