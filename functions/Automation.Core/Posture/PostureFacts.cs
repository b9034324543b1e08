namespace Automation.Core.Posture;

/// <summary>Who holds the key that encrypts a table, weakest first (so key types compare with &lt;).</summary>
public enum EncryptionKeyType
{
    /// <summary>DynamoDB's default: a key AWS owns; no <c>SSEDescription</c> in <c>DescribeTable</c>.</summary>
    AwsOwned,

    /// <summary><c>SSEType: KMS</c> with the account's <c>aws/dynamodb</c> key (KMS <c>KeyManager: AWS</c>).</summary>
    AwsManaged,

    /// <summary><c>SSEType: KMS</c> with a customer managed key (KMS <c>KeyManager: CUSTOMER</c>).</summary>
    CustomerManaged,
}

/// <summary>One metric an alarm reads (a metric-math alarm reads several).</summary>
/// <param name="Namespace">e.g. <c>AWS/DynamoDB</c>.</param>
/// <param name="MetricName">e.g. <c>WriteThrottleEvents</c>.</param>
/// <param name="Dimensions">Its dimensions by name (<c>TableName</c>, <c>GlobalSecondaryIndexName</c>, …).</param>
public sealed record WatchedMetric(string Namespace, string MetricName, IReadOnlyDictionary<string, string> Dimensions);

/// <summary>An alarm in the account (the suite's or the user's) and every metric it reads.</summary>
public sealed record AlarmWatch(string AlarmName, IReadOnlyList<WatchedMetric> Metrics);

/// <summary>A global secondary index of a table.</summary>
/// <param name="IndexName">The index.</param>
/// <param name="Provisioned">True when it has provisioned capacity (then a write-capacity alarm applies).</param>
public sealed record IndexPostureFacts(string IndexName, bool Provisioned);

/// <summary>An attribute's share of an item: its name's UTF-8 bytes plus its value's (DynamoDB's item-size rules).</summary>
public sealed record AttributeBytes(string Name, long Bytes);

/// <summary>One of the largest sampled items.</summary>
/// <param name="Key">The item's key, masked as the query runner masks it.</param>
/// <param name="Bytes">Its size as DynamoDB counts it (<see cref="Queries.ItemSize"/>).</param>
/// <param name="LargestAttributes">The attributes that dominate it, largest first.</param>
public sealed record SampledItem(string Key, long Bytes, IReadOnlyList<AttributeBytes> LargestAttributes);

/// <summary>What a bounded, cost-ceilinged sample of a table saw.</summary>
/// <param name="ItemsSampled">Items read.</param>
/// <param name="ConsumedReadUnits">Read units the sample consumed (within its ceiling).</param>
/// <param name="Largest">The largest items seen, largest first.</param>
public sealed record ItemSizeSample(int ItemsSampled, double ConsumedReadUnits, IReadOnlyList<SampledItem> Largest);

/// <summary>An Application Auto Scaling scalable target (<c>DescribeScalableTargets</c>, service namespace dynamodb).</summary>
/// <param name="ResourceId"><c>table/Orders</c> or <c>table/Orders/index/ByCustomer</c>.</param>
/// <param name="ScalableDimension">e.g. <c>dynamodb:table:WriteCapacityUnits</c>.</param>
public sealed record ScalableTargetFact(string ResourceId, string ScalableDimension);

/// <summary>Everything gathered about one managed table.</summary>
/// <param name="TableName">The table.</param>
/// <param name="TableArn">Its ARN (IAM policies are matched against it and its indexes' ARNs).</param>
/// <param name="Segment">The managed segment that covers the table, or null.</param>
/// <param name="PointInTimeRecoveryEnabled"><c>DescribeContinuousBackups</c>' <c>PointInTimeRecoveryStatus == ENABLED</c>.</param>
/// <param name="DeletionProtectionEnabled"><c>DescribeTable</c>'s <c>DeletionProtectionEnabled</c>.</param>
/// <param name="Encryption">The table's key type.</param>
/// <param name="Indexes">Its GSIs.</param>
/// <param name="ContributorInsightsEnabled"><c>DescribeContributorInsights</c> says ENABLED.</param>
/// <param name="ScalableTargets">Application Auto Scaling targets on the table or its indexes.</param>
/// <param name="HotKeyIncidentIds">Incidents of the table (over the posture window) diagnosed as hot keys.</param>
/// <param name="ItemSizes">The item-size sample, or null when none was taken.</param>
public sealed record TablePostureFacts(
    string TableName,
    string TableArn,
    string? Segment,
    bool PointInTimeRecoveryEnabled,
    bool DeletionProtectionEnabled,
    EncryptionKeyType Encryption,
    IReadOnlyList<IndexPostureFacts> Indexes,
    bool ContributorInsightsEnabled,
    IReadOnlyList<ScalableTargetFact> ScalableTargets,
    IReadOnlyList<string> HotKeyIncidentIds,
    ItemSizeSample? ItemSizes);

/// <summary>One IAM policy document in the account (<c>GetAccountAuthorizationDetails</c>: managed, inline, group).</summary>
/// <param name="PolicyId">Stable name for findings: a managed policy's ARN, or <c>role/&lt;name&gt;/inline/&lt;policy&gt;</c>.</param>
/// <param name="AttachedTo">ARNs (or names) of the principals it applies to; empty for an unattached managed policy.</param>
/// <param name="Document">The policy JSON (URL-encoded as IAM returns it, or decoded).</param>
public sealed record IamPolicyFact(string PolicyId, IReadOnlyList<string> AttachedTo, string Document);

/// <summary>Account-wide facts.</summary>
/// <param name="Region">The region the run looked at.</param>
/// <param name="TableCount">Tables in the account and region (<c>ListTables</c>, all pages).</param>
/// <param name="Policies">Every IAM policy document in the account.</param>
/// <param name="Alarms">Every CloudWatch alarm on DynamoDB metrics in the region (the suite's and the user's).</param>
public sealed record AccountPostureFacts(string Region, int TableCount, IReadOnlyList<IamPolicyFact> Policies, IReadOnlyList<AlarmWatch> Alarms);
