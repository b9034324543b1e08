namespace Automation.Core.Incidents;

/// <summary>The sizes an incident record accepts; a step's input beyond them is refused naming the field.</summary>
public static class IncidentLimits
{
    /// <summary>A timeline step's name.</summary>
    public const int MaxStepNameLength = 128;

    /// <summary>Any summary or free text (plan summary, outcome, comment).</summary>
    public const int MaxSummaryLength = 2048;

    /// <summary>A Step Functions task token (AWS documents up to 1,024 characters; kept generous).</summary>
    public const int MaxTaskTokenLength = 8192;
}
