namespace Automation.Core.Posture;

/// <summary>Why each rule matters and how to fix what it finds: data, so the docs and the findings say the same thing.</summary>
public static class PostureRuleCatalog
{
    /// <summary>What goes wrong if a finding of <paramref name="rule"/> stays.</summary>
    public static string WhyItMatters(PostureRule rule) => rule switch
    {
        PostureRule.PointInTimeRecoveryOff =>
            "Without point-in-time recovery an accidental DeleteItem, a bad deploy or a runaway script is unrecoverable: there is no restore to any second of the last 35 days.",
        PostureRule.DeletionProtectionOff =>
            "Without deletion protection one DeleteTable call (a mistyped script, a stack deletion) removes the table and its data at once.",
        PostureRule.UnmonitoredIndex =>
            "A GSI short of write capacity throttles writes to its base table; teams that watch only the table see the table throttle and miss why.",
        PostureRule.EncryptionBelowRequired =>
            "The segment requires a key type its owners control; with a weaker one, key policy, rotation and audit are not theirs.",
        PostureRule.ItemSizeHeadroom =>
            "400 KB per item is a hard limit: a write that would exceed it fails with a ValidationException, and large items cost more units per read and write.",
        PostureRule.DynamoDbWildcardAction =>
            "dynamodb:* includes DeleteTable, UpdateTable, RestoreTable and every data action: far more than any application needs, and one leaked credential away from losing tables.",
        PostureRule.DynamoDbActionOnAllResources =>
            "Resource * reaches every table in the account and region, including ones created later.",
        PostureRule.UnconditionedTableAccess =>
            "The segment says access must be scoped by partition key or attributes; a grant without dynamodb:LeadingKeys or dynamodb:Attributes conditions reads or writes every item.",
        PostureRule.AutoScalingConflict =>
            "Application Auto Scaling and the throttling runbook would both change the same capacity and undo each other's changes; provisioned decreases are scarce (4 in the day's first hour, then 1 an hour).",
        PostureRule.IndexQuotaApproaching =>
            "GSIs per table is a quota (20 by default): the next index the application needs may not fit.",
        PostureRule.TableQuotaApproaching =>
            "Tables per account and region is a quota (2,500 by default): CreateTable fails when it is reached, including the new table a restore creates.",
        PostureRule.ContributorInsightsOffAfterHotKeys =>
            "This table's incidents were hot keys; without Contributor Insights the next diagnosis cannot name the key.",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown posture rule"),
    };

    /// <summary>What to do about a finding of <paramref name="rule"/>.</summary>
    public static string Fix(PostureRule rule) => rule switch
    {
        PostureRule.PointInTimeRecoveryOff =>
            "Enable point-in-time recovery (UpdateContinuousBackups PointInTimeRecoveryEnabled=true), or let the posture workflow do it with approval.",
        PostureRule.DeletionProtectionOff =>
            "Enable deletion protection (UpdateTable DeletionProtectionEnabled=true), or let the posture workflow do it with approval.",
        PostureRule.UnmonitoredIndex =>
            "Give the GSI its own alarms: run the alarm-reconcile workflow for its segment (it creates per-index throttling and capacity alarms), or add your own on the index's GlobalSecondaryIndexName dimension.",
        PostureRule.EncryptionBelowRequired =>
            "Switch the table's encryption to the required key type (UpdateTable SSESpecification); the change is online.",
        PostureRule.ItemSizeHeadroom =>
            "Move the dominant attributes out of the item (to S3 with a pointer, or into separate items under the same partition key), or compress them.",
        PostureRule.DynamoDbWildcardAction =>
            "Replace dynamodb:* with the data actions the principal uses (e.g. dynamodb:GetItem, dynamodb:Query) on the tables it uses.",
        PostureRule.DynamoDbActionOnAllResources =>
            "Name the tables (and their indexes, table/<name>/index/*) in Resource instead of *.",
        PostureRule.UnconditionedTableAccess =>
            "Add a dynamodb:LeadingKeys (and, for reads of selected attributes, dynamodb:Attributes) condition to the statement, or exempt the principal in the posture settings if it is audited elsewhere.",
        PostureRule.AutoScalingConflict =>
            "Choose one owner: deregister the scalable target, or set the segment's posture.suiteMayResize to false so the throttling runbook never resizes it.",
        PostureRule.IndexQuotaApproaching =>
            "Remove unused GSIs, or request a quota increase (Service Quotas, DynamoDB 'Global secondary indexes per table').",
        PostureRule.TableQuotaApproaching =>
            "Delete unused tables, or request a quota increase (Service Quotas, DynamoDB 'Maximum number of tables').",
        PostureRule.ContributorInsightsOffAfterHotKeys =>
            "Enable Contributor Insights on the table (UpdateContributorInsights ENABLE); it is billed per event.",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown posture rule"),
    };
}
