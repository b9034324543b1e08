using Automation.Core.Errors;

namespace Automation.Core.Errors;

/// <summary>Builds the <see cref="ErrorTypes.InvalidInput"/> failure of the incident steps, always naming the field.</summary>
public static class InputError
{
    public static AutomationException Field(string field, string problem) =>
        new(ErrorTypes.InvalidInput, $"Invalid input: '{field}' {problem}.") { Field = field };
}
