namespace Automation.Core.Posture;

/// <summary>The posture checks. Each is one method of <see cref="PostureRules"/>; its text is in <see cref="PostureRuleCatalog"/>.</summary>
public enum PostureRule
{
    /// <summary>Point-in-time recovery is off (<c>DescribeContinuousBackups</c>).</summary>
    PointInTimeRecoveryOff,

    /// <summary>Deletion protection is off (<c>DescribeTable</c> <c>DeletionProtectionEnabled</c>).</summary>
    DeletionProtectionOff,

    /// <summary>A GSI has no throttling alarm of its own, or (provisioned) no write-capacity alarm of its own.</summary>
    UnmonitoredIndex,

    /// <summary>The table's encryption key type is below what its segment requires.</summary>
    EncryptionBelowRequired,

    /// <summary>The largest sampled items come close to DynamoDB's 400 KB item limit.</summary>
    ItemSizeHeadroom,

    /// <summary>An IAM policy allows <c>dynamodb:*</c> (or <c>*</c>).</summary>
    DynamoDbWildcardAction,

    /// <summary>An IAM policy allows a DynamoDB action that has resource-level permissions on <c>Resource: *</c> (or every table).</summary>
    DynamoDbActionOnAllResources,

    /// <summary>An IAM policy reaches a managed table without key or attribute conditions where its segment requires them.</summary>
    UnconditionedTableAccess,

    /// <summary>Application Auto Scaling also manages capacity the suite may change: the two would fight.</summary>
    AutoScalingConflict,

    /// <summary>The table's GSI count approaches the per-table quota (20).</summary>
    IndexQuotaApproaching,

    /// <summary>The account's table count in the region approaches the quota (2,500).</summary>
    TableQuotaApproaching,

    /// <summary>Contributor Insights is off on a table whose incidents were hot keys.</summary>
    ContributorInsightsOffAfterHotKeys,
}
