using System.Globalization;

namespace HostBench;

/// <summary>Command line: <c>--bootstrap PATH --hello PATH --payload FILE [--handler NAME] [--runs N]
/// [--warmup N] [--invocations N] [--out FILE] [--child-env "NAME=value;NAME=value"]</c>. The child
/// environment is for profiling (e.g. <c>DOTNET_JitStdOutFile</c>); it is added to both executables.</summary>
internal sealed record BenchOptions(
    string BootstrapPath,
    string HelloPath,
    string PayloadPath,
    string Handler,
    int Runs,
    int Warmup,
    int Invocations,
    string? OutputPath,
    IReadOnlyDictionary<string, string> ChildEnvironment)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'. Usage: --bootstrap PATH --hello PATH --payload FILE [--handler NAME] [--runs N] [--warmup N] [--invocations N] [--out FILE] [--child-env NAME=value;...]");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var childEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in values.GetValueOrDefault("child-env", string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            childEnvironment[separator < 0 ? pair : pair[..separator]] = separator < 0 ? string.Empty : pair[(separator + 1)..];
        }
        return new BenchOptions(
            Path.GetFullPath(Required("bootstrap")),
            Path.GetFullPath(Required("hello")),
            Path.GetFullPath(Required("payload")),
            values.GetValueOrDefault("handler", "NormalizeTrigger"),
            Number("runs", 30),
            Number("warmup", 2),
            Number("invocations", 3),
            values.TryGetValue("out", out var output) ? Path.GetFullPath(output) : null,
            childEnvironment);
    }
}
