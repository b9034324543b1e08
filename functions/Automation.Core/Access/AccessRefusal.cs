using Automation.Core.Errors;

namespace Automation.Core.Access;

/// <summary>One reason a request is refused: the rule, the input field at fault, and what is wrong.</summary>
/// <param name="Rule">One of the <see cref="AccessRules"/> names, e.g. <c>duration-over-maximum</c>.</param>
/// <param name="Field">The request field, as a camelCase JSON path (e.g. <c>actions[2]</c>, <c>leadingKeys[0]</c>, <c>durationMinutes</c>).</param>
/// <param name="Message">What is wrong and what is allowed, for the caller.</param>
public sealed record AccessRefusal(string Rule, string Field, string Message)
{
    /// <summary><c>rule (field): message</c>.</summary>
    public override string ToString() => $"{Rule} ({Field}): {Message}";

    /// <summary>The <see cref="ErrorTypes.AccessRefused"/> failure of one or more refusals: every one in the message, the first one's field.</summary>
    public static AutomationException ToException(IReadOnlyList<AccessRefusal> refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        if (refusals.Count == 0)
        {
            throw new ArgumentException("no refusal to report", nameof(refusals));
        }

        string message = refusals.Count == 1
            ? $"Access refused: {refusals[0]}"
            : $"Access refused ({refusals.Count} rules): {string.Join("; ", refusals)}";
        return new AutomationException(ErrorTypes.AccessRefused, message) { Field = refusals[0].Field };
    }
}
