using Automation.Core.Planning;

namespace Automation.Core.Safety;

/// <summary>
/// The resolved <c>safety</c> section of a segment (format: runbooks/README.md, "safety"): the kinds of change that
/// need an on-demand backup of the table first. A write-sharding change that needs a data migration always does
/// (<see cref="Sharding.ShardingMigration"/>), whatever this says.
/// </summary>
/// <param name="BackupBefore">Plan kinds (<see cref="RemediationKind"/>) that take a backup first.</param>
public sealed record SafetySettings(IReadOnlyList<RemediationKind> BackupBefore)
{
    /// <summary>Built-in: no kind is marked risky (sharding with a migration still takes a backup).</summary>
    public static SafetySettings Default { get; } = new([]);

    /// <summary>The kinds a <c>backupBefore</c> list may name, by their YAML name.</summary>
    public static IReadOnlyDictionary<string, RemediationKind> Kinds { get; } = new Dictionary<string, RemediationKind>(StringComparer.Ordinal)
    {
        ["increaseProvisionedCapacity"] = RemediationKind.IncreaseProvisionedCapacity,
        ["switchToOnDemand"] = RemediationKind.SwitchToOnDemand,
        ["raiseOnDemandMaximum"] = RemediationKind.RaiseOnDemandMaximum,
        ["shardHotKey"] = RemediationKind.ShardHotKey,
    };

    /// <summary>The YAML name of a kind (<c>shardHotKey</c>).</summary>
    public static string NameOf(RemediationKind kind) => Kinds.First(k => k.Value == kind).Key;
}
