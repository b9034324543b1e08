using System.Text.Json;

using Automation.Core.Posture;
using Automation.Functions.Contracts.AlarmReconcile;

namespace Automation.Functions.Contracts.Posture;

/// <summary>
/// The execution's input (console or schedule): <c>{}</c> or <c>{"segments": ["orders"], "dryRun": true, "remediate": true}</c>,
/// every field optional. Without <c>segments</c> every managed table is checked.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PostureRequest(IReadOnlyList<string>? Segments = null, bool? DryRun = null, bool? Remediate = null);

/// <summary><c>PreparePosture</c>'s input: the execution's input as given, and what the ASL knows of the run.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PreparePostureInput(PostureRequest? Request, string? StackName = null, string? RunId = null, string? StartedAt = null);

/// <summary>One managed table to check and the segment its posture requirements come from.</summary>
public sealed record PostureTableTarget(string TableName, string Segment);

/// <summary>Run-wide settings, as the ASL carries them (defaults.yaml's posture section, plus the stack's own roles exempt).</summary>
public sealed record PostureRunSettings(int QuotaWarnPercent, int IndexQuota, int TableQuota, IReadOnlyList<string> ExemptPrincipals, PostureSampleSettings Sample);

/// <summary>The validated request and what to gather.</summary>
/// <param name="DryRun">True: evaluate and report; record nothing, remediate nothing.</param>
/// <param name="Remediate">True: offer the remediable findings' fixes for approval.</param>
/// <param name="Segments">The segment filter, or null for every segment.</param>
/// <param name="Scope">Runs compare within a scope (<see cref="PostureRunKeys.Scope"/>).</param>
/// <param name="RunId">The execution's name.</param>
/// <param name="RunKey">The run's key in its scope.</param>
/// <param name="Tables">The managed tables in scope.</param>
/// <param name="Settings">Run-wide settings.</param>
/// <param name="RunbooksVersion">defaults.yaml's version.</param>
public sealed record PreparePostureOutput(
    bool DryRun, bool Remediate, IReadOnlyList<string>? Segments, string Scope, string RunId, string RunKey,
    IReadOnlyList<PostureTableTarget> Tables, PostureRunSettings Settings, int RunbooksVersion);

// ---- IAM: GetAccountAuthorizationDetails pages (PascalCase, as IAM spells them; dates and other fields ignored) ----

/// <summary>One GetAccountAuthorizationDetails page.</summary>
public sealed record IamAuthorizationPage(
    [property: JsonPropertyName("UserDetailList")] IReadOnlyList<RawIamPrincipal>? UserDetailList = null,
    [property: JsonPropertyName("GroupDetailList")] IReadOnlyList<RawIamPrincipal>? GroupDetailList = null,
    [property: JsonPropertyName("RoleDetailList")] IReadOnlyList<RawIamPrincipal>? RoleDetailList = null,
    [property: JsonPropertyName("Policies")] IReadOnlyList<RawManagedPolicy>? Policies = null,
    [property: JsonPropertyName("IsTruncated")] bool? IsTruncated = null,
    [property: JsonPropertyName("Marker")] string? Marker = null);

/// <summary>A user, group or role entry: its ARN, inline policies and attached managed policies.</summary>
public sealed record RawIamPrincipal(
    [property: JsonPropertyName("Arn")] string? Arn = null,
    [property: JsonPropertyName("UserName")] string? UserName = null,
    [property: JsonPropertyName("GroupName")] string? GroupName = null,
    [property: JsonPropertyName("RoleName")] string? RoleName = null,
    [property: JsonPropertyName("UserPolicyList")] IReadOnlyList<RawInlinePolicy>? UserPolicyList = null,
    [property: JsonPropertyName("GroupPolicyList")] IReadOnlyList<RawInlinePolicy>? GroupPolicyList = null,
    [property: JsonPropertyName("RolePolicyList")] IReadOnlyList<RawInlinePolicy>? RolePolicyList = null,
    [property: JsonPropertyName("AttachedManagedPolicies")] IReadOnlyList<RawAttachedPolicy>? AttachedManagedPolicies = null);

/// <summary>An inline policy: its name and document (URL-encoded JSON text, or an object).</summary>
public sealed record RawInlinePolicy(
    [property: JsonPropertyName("PolicyName")] string? PolicyName = null,
    [property: JsonPropertyName("PolicyDocument")] JsonElement? PolicyDocument = null);

/// <summary>A managed policy attached to a principal.</summary>
public sealed record RawAttachedPolicy(
    [property: JsonPropertyName("PolicyName")] string? PolicyName = null,
    [property: JsonPropertyName("PolicyArn")] string? PolicyArn = null);

/// <summary>A customer managed policy with its versions (moto omits PolicyName and PolicyId).</summary>
public sealed record RawManagedPolicy(
    [property: JsonPropertyName("PolicyName")] string? PolicyName = null,
    [property: JsonPropertyName("Arn")] string? Arn = null,
    [property: JsonPropertyName("DefaultVersionId")] string? DefaultVersionId = null,
    [property: JsonPropertyName("PolicyVersionList")] IReadOnlyList<RawPolicyVersion>? PolicyVersionList = null);

/// <summary>One version of a managed policy.</summary>
public sealed record RawPolicyVersion(
    [property: JsonPropertyName("Document")] JsonElement? Document = null,
    [property: JsonPropertyName("VersionId")] string? VersionId = null,
    [property: JsonPropertyName("IsDefaultVersion")] bool? IsDefaultVersion = null);

/// <summary>A managed policy's attachment to a principal.</summary>
public sealed record IamAttachment(string PolicyArn, string Principal);

/// <summary>What the IAM pages gave so far: policy documents (decoded), attachments, the AWS managed policies to fetch.</summary>
/// <param name="Policies">Inline policies (attached to their principal) and customer managed policies (attached per <paramref name="Attachments"/>).</param>
/// <param name="Attachments">Every managed-policy attachment seen.</param>
/// <param name="AwsManaged">Attached managed policies whose document no page carried (AWS managed): fetched one by one.</param>
public sealed record IamCollected(IReadOnlyList<IamPolicyFact> Policies, IReadOnlyList<IamAttachment> Attachments, IReadOnlyList<string> AwsManaged);

/// <summary><c>CollectIamPolicies</c>' input.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CollectIamPoliciesInput(IamAuthorizationPage? Page, IamCollected? Collected);

/// <summary>Collected so far, and the next page's marker.</summary>
public sealed record CollectIamPoliciesOutput(IamCollected Collected, string? Marker, bool HasMore);

/// <summary>An AWS managed policy's default version (GetPolicy + GetPolicyVersion).</summary>
public sealed record FetchedPolicy(string PolicyArn, JsonElement? Document);

// ---- Per table ----

/// <summary>DescribeTable's <c>Table</c>, the parts posture reads.</summary>
public sealed record PostureRawTable(
    [property: JsonPropertyName("TableName")] string? TableName = null,
    [property: JsonPropertyName("TableArn")] string? TableArn = null,
    [property: JsonPropertyName("DeletionProtectionEnabled")] bool? DeletionProtectionEnabled = null,
    [property: JsonPropertyName("BillingModeSummary")] Mapping.RawBillingModeSummary? BillingModeSummary = null,
    [property: JsonPropertyName("ProvisionedThroughput")] Mapping.RawProvisionedThroughput? ProvisionedThroughput = null,
    [property: JsonPropertyName("SSEDescription")] RawSseDescription? SseDescription = null,
    [property: JsonPropertyName("KeySchema")] IReadOnlyList<PostureKeySchemaElement>? KeySchema = null,
    [property: JsonPropertyName("GlobalSecondaryIndexes")] IReadOnlyList<Mapping.RawGlobalSecondaryIndex>? GlobalSecondaryIndexes = null);

/// <summary><c>SSEDescription</c>: absent with an AWS owned key.</summary>
public sealed record RawSseDescription(
    [property: JsonPropertyName("Status")] string? Status = null,
    [property: JsonPropertyName("SSEType")] string? SseType = null,
    [property: JsonPropertyName("KMSMasterKeyArn")] string? KmsMasterKeyArn = null);

/// <summary>One <c>KeySchema</c> element.</summary>
public sealed record PostureKeySchemaElement(
    [property: JsonPropertyName("AttributeName")] string? AttributeName = null,
    [property: JsonPropertyName("KeyType")] string? KeyType = null);

/// <summary>An Application Auto Scaling scalable target.</summary>
public sealed record RawScalableTarget(
    [property: JsonPropertyName("ResourceId")] string? ResourceId = null,
    [property: JsonPropertyName("ScalableDimension")] string? ScalableDimension = null);

/// <summary><c>SampleItemSizes</c>' input: the table, its key schema and the sample settings.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SampleItemSizesInput(PostureTableTarget? Target, IReadOnlyList<PostureKeySchemaElement>? KeySchema, PostureSampleSettings? Sample);

/// <summary>The sample (null when sampling is off), and why it stopped.</summary>
public sealed record SampleItemSizesOutput(ItemSizeSample? Sample, string? StopReason);

/// <summary><c>BuildTableFacts</c>' input: everything the Map gathered for one table.</summary>
/// <param name="Target">The table and its segment.</param>
/// <param name="Table">DescribeTable's Table.</param>
/// <param name="PointInTimeRecoveryStatus">DescribeContinuousBackups' PointInTimeRecoveryDescription.PointInTimeRecoveryStatus.</param>
/// <param name="ContributorInsightsStatus">DescribeContributorInsights' status (null when it could not be read).</param>
/// <param name="ScalableTargets">DescribeScalableTargets' targets for this table or its indexes.</param>
/// <param name="KeyManager">KMS DescribeKey's KeyManager (AWS | CUSTOMER) when the table uses a KMS key.</param>
/// <param name="Sample">SampleItemSizes' output.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BuildTableFactsInput(
    PostureTableTarget? Target,
    PostureRawTable? Table,
    string? PointInTimeRecoveryStatus,
    string? ContributorInsightsStatus,
    IReadOnlyList<RawScalableTarget>? ScalableTargets,
    string? KeyManager,
    SampleItemSizesOutput? Sample);

/// <summary>One table's facts, or the error that kept it out: a missing table, or (<paramref name="Unreadable"/>) a fact
/// that could not be read.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Segment">Its segment.</param>
/// <param name="Facts">Its facts; null when it is missing or unreadable.</param>
/// <param name="Error">The error name that kept it out (e.g. DynamoDb.ResourceNotFoundException, Kms.AccessDeniedException).</param>
/// <param name="Cause">The error's cause (the service's message), for an unreadable table.</param>
/// <param name="Unreadable">True: the table exists but a step gathering its facts failed after its retries.</param>
public sealed record TableFactsResult(string TableName, string Segment, TablePostureFacts? Facts, string? Error, string? Cause = null, bool Unreadable = false);

/// <summary>A table the run could not check: a step gathering its facts failed (after its retries).</summary>
/// <param name="TableName">The table.</param>
/// <param name="Segment">Its segment.</param>
/// <param name="Error">The error name, e.g. Kms.AccessDeniedException, DynamoDb.AccessDeniedException, a step's errorType.</param>
/// <param name="Cause">The cause as Step Functions reported it (at most <see cref="MaxCauseLength"/> characters).</param>
public sealed record PostureTableError(string TableName, string Segment, string Error, string? Cause)
{
    /// <summary>Longer causes are cut (the run record holds the report; a cause can be 32 KB).</summary>
    public const int MaxCauseLength = 1_000;
}

// ---- Evaluate, record ----

/// <summary>Account-wide facts as gathered.</summary>
/// <param name="TableCount">ListTables, all pages.</param>
/// <param name="Alarms">Every metric alarm (CollectAlarms' compact entries).</param>
/// <param name="Iam">CollectIamPolicies' result.</param>
/// <param name="AwsManaged">The attached AWS managed policies' documents.</param>
public sealed record PostureAccountInput(int TableCount, IReadOnlyList<RawMetricAlarm>? Alarms, IamCollected? Iam, IReadOnlyList<FetchedPolicy>? AwsManaged);

/// <summary><c>EvaluatePosture</c>'s input.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EvaluatePostureInput(PreparePostureOutput? Prepared, string? Region, IReadOnlyList<TableFactsResult>? Tables, PostureAccountInput? Account);

/// <summary>A finding as the output and the record show it.</summary>
public sealed record PostureFindingReport(
    string Key, PostureRule Rule, PostureSeverity Severity, string Subject, string? Segment, string Evidence, string Why, string Fix, PostureRemediation? Remediation);

/// <summary>A remediation the run may apply (with approval): what, on which table or segment, for which finding.</summary>
/// <param name="Action">The remediation.</param>
/// <param name="TableName">The table.</param>
/// <param name="Segment">The segment (alarm-reconcile's scope for <see cref="PostureRemediation.CreateSegmentAlarms"/>).</param>
/// <param name="Findings">The findings' keys it fixes.</param>
public sealed record PostureRemediationPlan(PostureRemediation Action, string TableName, string Segment, IReadOnlyList<string> Findings);

/// <summary>The findings (most severe first), counts, the tables that could not be checked, and the remediations on offer.</summary>
public sealed record EvaluatePostureOutput(
    IReadOnlyList<PostureFindingReport> Findings,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<string> MissingTables,
    int PoliciesChecked,
    int TableCount,
    IReadOnlyList<PostureRemediationPlan> Remediations,
    IReadOnlyList<PostureTableError>? UnreadableTables = null);

/// <summary>What happened to one remediation.</summary>
/// <param name="Action">The remediation.</param>
/// <param name="TableName">The table.</param>
/// <param name="Segment">The segment.</param>
/// <param name="Outcome">Applied | DryRun | Rejected | TimedOut | Failed | NotRequested.</param>
/// <param name="Detail">The error, or the alarm-reconcile execution, or null.</param>
public sealed record PostureRemediationResult(PostureRemediation Action, string TableName, string Segment, string Outcome, string? Detail);

/// <summary><c>RecordPosture</c>'s input.</summary>
/// <param name="Prepared">PreparePosture's output.</param>
/// <param name="Evaluation">EvaluatePosture's output.</param>
/// <param name="RemediationOutcome">NotRequested | DryRun | Rejected | TimedOut | Applied (then <paramref name="Remediations"/> has each one's result).</param>
/// <param name="Remediations">The applied remediations' results.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecordPostureInput(PreparePostureOutput? Prepared, EvaluatePostureOutput? Evaluation, string? RemediationOutcome = null, IReadOnlyList<PostureRemediationResult>? Remediations = null);

/// <summary>New / still open / fixed, by finding key.</summary>
public sealed record PostureDiffReport(IReadOnlyList<string> New, IReadOnlyList<string> StillOpen, IReadOnlyList<string> Fixed);

/// <summary>One segment's findings.</summary>
public sealed record PostureSegmentReport(string Segment, IReadOnlyList<string> Tables, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<PostureFindingReport> Findings);

/// <summary>Account-wide findings (IAM wildcards, the table quota), and which policies were flagged for what.</summary>
public sealed record PostureAccountReport(int TableCount, int PoliciesChecked, IReadOnlyList<PostureFindingReport> Findings, IReadOnlyDictionary<string, IReadOnlyList<string>> FlaggedPolicies);

/// <summary>The execution's output and the run record's report.</summary>
public sealed record PostureRunReport(
    string RunId,
    string Scope,
    bool DryRun,
    bool Remediate,
    bool Recorded,
    string? PreviousRunId,
    int Total,
    IReadOnlyDictionary<string, int> Counts,
    PostureDiffReport Diff,
    IReadOnlyList<PostureSegmentReport> Segments,
    PostureAccountReport Account,
    IReadOnlyList<string> MissingTables,
    IReadOnlyList<PostureRemediationResult> Remediations,
    int RunbooksVersion,
    IReadOnlyList<PostureTableError> UnreadableTables);

/// <summary><c>RequestPostureApproval</c>'s input.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RequestPostureApprovalInput(string? RunId, string? TaskToken, IReadOnlyList<PostureRemediationPlan>? Remediations);

/// <summary>What was offered (the task's result is the operator's answer, not this).</summary>
public sealed record RequestPostureApprovalOutput(int Remediations, string Summary);
