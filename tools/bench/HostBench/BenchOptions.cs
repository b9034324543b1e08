using System.Globalization;

namespace HostBench;

/// <summary>Command line: <c>--bootstrap PATH --hello PATH --payload FILE [--handler NAME] [--runs N]
/// [--warmup N] [--invocations N] [--out FILE]</c>.</summary>
internal sealed record BenchOptions(
    string BootstrapPath,
    string HelloPath,
    string PayloadPath,
    string Handler,
    int Runs,
    int Warmup,
    int Invocations,
    string? OutputPath)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'. Usage: --bootstrap PATH --hello PATH --payload FILE [--handler NAME] [--runs N] [--warmup N] [--invocations N] [--out FILE]");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            Path.GetFullPath(Required("bootstrap")),
            Path.GetFullPath(Required("hello")),
            Path.GetFullPath(Required("payload")),
            values.GetValueOrDefault("handler", "NormalizeTrigger"),
            Number("runs", 30),
            Number("warmup", 2),
            Number("invocations", 3),
            values.TryGetValue("out", out var output) ? Path.GetFullPath(output) : null);
    }
}
