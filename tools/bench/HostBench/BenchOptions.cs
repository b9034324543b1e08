using System.Globalization;

namespace HostBench;

/// <summary>Command line: <c>--hello PATH --bootstrap PATH --bootstrap-r2r PATH --workloads "Handler=FILE;Handler=FILE"
/// [--runs N] [--warmup N] [--invocations N] [--out FILE] [--child-env "NAME=value;NAME=value"]</c>. Each workload is a
/// handler (<c>_HANDLER</c>) and the payload handed to it; the hello world gets the same payload and echoes it. The
/// child environment is for profiling (e.g. <c>DOTNET_</c> settings of the ReadyToRun build); it is added to every
/// executable.</summary>
internal sealed record BenchOptions(
    string HelloPath,
    string BootstrapPath,
    string ReadyToRunPath,
    IReadOnlyList<Workload> Workloads,
    int Runs,
    int Warmup,
    int Invocations,
    string? OutputPath,
    IReadOnlyDictionary<string, string> ChildEnvironment)
{
    private const string Usage = "Usage: --hello PATH --bootstrap PATH --bootstrap-r2r PATH --workloads Handler=FILE;... [--runs N] [--warmup N] [--invocations N] [--out FILE] [--child-env NAME=value;...]";

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'. {Usage}");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required. {Usage}");
        int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var workloads = Pairs(Required("workloads"))
            .Select(p => new Workload(p.Name, Path.GetFullPath(p.Value), File.ReadAllBytes(p.Value)))
            .ToArray();
        if (workloads.Length == 0)
        {
            throw new ArgumentException($"--workloads names no Handler=FILE pair. {Usage}");
        }
        var invocations = Number("invocations", 3);
        if (invocations < 2)
        {
            throw new ArgumentException("--invocations must be at least 2 (the second one is the warm invocation).");
        }
        return new BenchOptions(
            Path.GetFullPath(Required("hello")),
            Path.GetFullPath(Required("bootstrap")),
            Path.GetFullPath(Required("bootstrap-r2r")),
            workloads,
            Number("runs", 30),
            Number("warmup", 2),
            invocations,
            values.TryGetValue("out", out var output) ? Path.GetFullPath(output) : null,
            Pairs(values.GetValueOrDefault("child-env", string.Empty)).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));
    }

    private static IEnumerable<(string Name, string Value)> Pairs(string text)
    {
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            yield return separator < 0 ? (pair, string.Empty) : (pair[..separator], pair[(separator + 1)..]);
        }
    }
}

/// <summary>A handler and the payload it is benched with.</summary>
internal sealed record Workload(string Handler, string PayloadPath, byte[] Payload);
