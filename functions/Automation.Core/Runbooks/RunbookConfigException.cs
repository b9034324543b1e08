using Automation.Core.Errors;

namespace Automation.Core.Runbooks;

/// <summary>
/// A config file (or the runbooks folder) failed to parse or validate. Lists every problem found, in every file, not
/// only the first; <see cref="AutomationException.Field"/> is the first one's path.
/// </summary>
public sealed class RunbookConfigException : AutomationException
{
    /// <param name="source">What was read, e.g. <c>runbooks/</c> or <c>runbooks/guardrails.yaml</c>.</param>
    /// <param name="errors">Every problem; each names its file (<see cref="ConfigError.File"/>) when several were read.</param>
    public RunbookConfigException(string source, IReadOnlyList<ConfigError> errors)
        : base(Automation.Core.Errors.ErrorTypes.InvalidRunbookConfig, Describe(source, errors))
    {
        Errors = errors;
        Field = errors.Count > 0 ? errors[0].Path : null;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(string source, IReadOnlyList<ConfigError> errors) =>
        $"{source} is invalid ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}):{Environment.NewLine}  - "
        + string.Join($"{Environment.NewLine}  - ", errors);
}
