using Automation.Core.Guardrails;
using Automation.Core.Runbooks;

namespace Automation.Functions.Runbooks;

/// <summary>
/// The guardrail policy from <c>runbooks/guardrails.yaml</c>, shipped next to <c>bootstrap</c> (or the file named by
/// <c>GUARDRAILS_PATH</c>). Read and parsed once per process, on first use; a broken file fails every use with
/// <see cref="Core.Errors.ErrorTypes.InvalidRunbookConfig"/> listing its problems.
/// </summary>
public sealed class GuardrailPolicyProvider
{
    public const string PathVariable = "GUARDRAILS_PATH";

    private readonly Lazy<GuardrailPolicy> _policy;

    public GuardrailPolicyProvider(Func<GuardrailPolicy> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _policy = new Lazy<GuardrailPolicy>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public GuardrailPolicy Policy => _policy.Value;

    /// <summary>The deployed configuration: GUARDRAILS_PATH, else runbooks/guardrails.yaml beside the executable.</summary>
    public static GuardrailPolicyProvider FromEnvironment() => new(() => Load(DefaultPath()));

    /// <summary>A provider for one file (tests, tools).</summary>
    public static GuardrailPolicyProvider ForFile(string path) => new(() => Load(path));

    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "runbooks", "guardrails.yaml");

    private static GuardrailPolicy Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new AutomationException(ErrorTypes.InternalError,
                $"Guardrails file '{path}' not found: it ships as runbooks/guardrails.yaml beside bootstrap, or {PathVariable} names it.");
        }

        return GuardrailConfigParser.Parse(File.ReadAllText(path));
    }
}
