namespace Automation.LocalCloud.Cli;

/// <summary>The command line: a verb, positional arguments, <c>--flag</c>s and <c>--param K=V</c> overrides.</summary>
internal sealed record CliArguments(string Verb, IReadOnlyList<string> Positional, IReadOnlySet<string> Flags, IReadOnlyDictionary<string, string> Options, IReadOnlyDictionary<string, string> Parameters)
{
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal) { "--runs", "--template", "--repeat", "--to-state" };

    public static CliArguments Parse(string[] args)
    {
        var positional = new List<string>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--param" || ValueOptions.Contains(arg))
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }

                var value = args[++i];
                if (arg == "--param")
                {
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new ArgumentException($"--param takes Name=Value, not '{value}'.");
                    }

                    parameters[value[..eq]] = value[(eq + 1)..];
                }
                else
                {
                    options[arg] = value;
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                flags.Add(arg);
            }
            else
            {
                positional.Add(arg);
            }
        }

        var verb = positional.Count > 0 ? positional[0] : "help";
        return new CliArguments(verb, positional.Skip(1).ToList(), flags, options, parameters);
    }
}
