namespace Automation.Core.Triggers;

/// <summary>
/// DynamoDB naming rules for tables and indexes: 3–255 characters of a–z, A–Z, 0–9, '_', '-', '.'
/// (DynamoDB Developer Guide, "Supported data types and naming rules").
/// </summary>
public static class DynamoDbNames
{
    public const int MinLength = 3;
    public const int MaxLength = 255;

    public static bool IsValid(string? name) =>
        name is { Length: >= MinLength and <= MaxLength } && name.All(IsAllowed);

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.';
}
