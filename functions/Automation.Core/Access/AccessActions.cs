namespace Automation.Core.Access;

/// <summary>Names and kinds of the <see cref="AccessAction"/>s: reads, writes, their IAM names, parsing what a request types.</summary>
public static class AccessActions
{
    /// <summary>The IAM service prefix of every action.</summary>
    public const string ServicePrefix = "dynamodb:";

    /// <summary>Every action, in declaration order.</summary>
    public static IReadOnlyList<AccessAction> All { get; } = Enum.GetValues<AccessAction>();

    /// <summary>The read actions: GetItem, BatchGetItem, Query, Scan, ConditionCheckItem.</summary>
    public static IReadOnlyList<AccessAction> Reads { get; } = [.. All.Where(a => !IsWrite(a))];

    /// <summary>The write actions: PutItem, UpdateItem, DeleteItem, BatchWriteItem.</summary>
    public static IReadOnlyList<AccessAction> Writes { get; } = [.. All.Where(IsWrite)];

    /// <summary>Does <paramref name="action"/> change items?</summary>
    public static bool IsWrite(AccessAction action) =>
        action is AccessAction.PutItem or AccessAction.UpdateItem or AccessAction.DeleteItem or AccessAction.BatchWriteItem;

    /// <summary>The action's name without prefix, e.g. <c>GetItem</c> (what segment files list).</summary>
    public static string Name(AccessAction action) => action switch
    {
        AccessAction.GetItem => "GetItem",
        AccessAction.BatchGetItem => "BatchGetItem",
        AccessAction.Query => "Query",
        AccessAction.Scan => "Scan",
        AccessAction.ConditionCheckItem => "ConditionCheckItem",
        AccessAction.PutItem => "PutItem",
        AccessAction.UpdateItem => "UpdateItem",
        AccessAction.DeleteItem => "DeleteItem",
        AccessAction.BatchWriteItem => "BatchWriteItem",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an access action"),
    };

    /// <summary>The IAM action name, e.g. <c>dynamodb:GetItem</c>.</summary>
    public static string IamName(AccessAction action) => ServicePrefix + Name(action);

    /// <summary>
    /// Parses a requested action: <c>dynamodb:GetItem</c> or <c>GetItem</c>, ignoring case as IAM does. False for anything
    /// else: wildcards, other services, DynamoDB actions that are not one of the nine data actions (e.g.
    /// <c>dynamodb:DeleteTable</c>, <c>dynamodb:PartiQLSelect</c>).
    /// </summary>
    public static bool TryParse(string? text, out AccessAction action)
    {
        action = default;
        if (string.IsNullOrEmpty(text) || text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        string name = text.StartsWith(ServicePrefix, StringComparison.OrdinalIgnoreCase) ? text[ServicePrefix.Length..] : text;
        foreach (AccessAction candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                action = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a name from a segment file: exactly one of the nine names, no prefix, case as documented.</summary>
    public static bool TryParseName(string? name, out AccessAction action)
    {
        action = default;
        foreach (AccessAction candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                action = candidate;
                return true;
            }
        }

        return false;
    }
}
