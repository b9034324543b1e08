namespace Automation.Core.Runbooks;

/// <summary>Error types for runbook config, beside <see cref="Errors.ErrorTypes"/>.</summary>
public static class RunbookErrorTypes
{
    /// <summary>A runbook config file (e.g. runbooks/guardrails.yaml) is malformed or out of range. Not retried: fix the file.</summary>
    public const string InvalidRunbookConfig = "InvalidRunbookConfig";
}