namespace Automation.Core.Posture;

/// <summary>What a segment requires of its table (the segment file's <c>posture</c> section; these defaults otherwise).</summary>
/// <param name="MinimumEncryption">The weakest key type allowed.</param>
/// <param name="RequireKeyConditions">
/// True when every IAM grant reaching the table must carry a <c>dynamodb:LeadingKeys</c> or <c>dynamodb:Attributes</c>
/// condition (principals in <see cref="PostureSettings.ExemptPrincipals"/> excepted).
/// </param>
/// <param name="ItemSizeWarnPercent">Largest item at or above this percent of 400 KB is a finding (1–100).</param>
/// <param name="SuiteMayResize">True when the throttling runbook may change the table's capacity (then Auto Scaling conflicts).</param>
public sealed record PostureRequirements(
    EncryptionKeyType MinimumEncryption = EncryptionKeyType.AwsOwned,
    bool RequireKeyConditions = false,
    int ItemSizeWarnPercent = 80,
    bool SuiteMayResize = true)
{
    /// <summary>The defaults: any key type, no condition requirement, warn at 80 % of the item limit, the suite may resize.</summary>
    public static PostureRequirements Default { get; } = new();
}

/// <summary>Run-wide posture settings.</summary>
/// <param name="QuotaWarnPercent">A quota used at or above this percent is a finding (1–100).</param>
/// <param name="IndexQuota">GSIs per table (DynamoDB's default quota: 20).</param>
/// <param name="TableQuota">Tables per account and region (DynamoDB's default quota: 2,500).</param>
/// <param name="ExemptPrincipals">
/// IAM <c>StringLike</c> patterns of principals whose policies the IAM checks skip: the suite's own roles (checked by
/// its template tests) and roles the user declares audited elsewhere.
/// </param>
public sealed record PostureSettings(
    int QuotaWarnPercent = 80,
    int IndexQuota = PostureSettings.DefaultIndexQuota,
    int TableQuota = PostureSettings.DefaultTableQuota,
    IReadOnlyList<string>? ExemptPrincipals = null)
{
    /// <summary>GSIs per table: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html.</summary>
    public const int DefaultIndexQuota = 20;

    /// <summary>Tables per account and region (adjustable): same page.</summary>
    public const int DefaultTableQuota = 2500;

    /// <summary>DynamoDB's maximum item size, 400 KB, in bytes (name and value of every attribute count).</summary>
    public const long MaxItemBytes = 400 * 1024;

    /// <summary>The defaults.</summary>
    public static PostureSettings Default { get; } = new();

    /// <summary>The exempt principal patterns (never null).</summary>
    public IReadOnlyList<string> Exempt => ExemptPrincipals ?? [];
}

/// <summary>One managed table, its facts and what its segment requires.</summary>
public sealed record TablePostureInput(TablePostureFacts Facts, PostureRequirements Requirements);

/// <summary>Everything one posture run evaluates.</summary>
public sealed record PostureInput(IReadOnlyList<TablePostureInput> Tables, AccountPostureFacts Account, PostureSettings Settings);
