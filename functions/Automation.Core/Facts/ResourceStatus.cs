namespace Automation.Core.Facts;

/// <summary>
/// <c>TableStatus</c> of a table or <c>IndexStatus</c> of a GSI. Only <see cref="Active"/> accepts an UpdateTable.
/// </summary>
public enum ResourceStatus
{
    Active,
    Creating,
    Updating,
    Deleting,

    /// <summary>Any other status DynamoDB reports (archival, inaccessible encryption credentials, ...).</summary>
    Other,
}
