using Automation.Core.Errors;

namespace Automation.Core.Triggers;

/// <summary>Builds the <see cref="ErrorTypes.InvalidTrigger"/> failure, always naming the field at fault.</summary>
internal static class InvalidTrigger
{
    public static AutomationException Field(string field, string problem) =>
        new(ErrorTypes.InvalidTrigger, $"Invalid trigger: '{field}' {problem}.") { Field = field };
}
