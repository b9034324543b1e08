namespace Automation.Core.Planning;

/// <summary>
/// Write-shard one hot partition key (recorded in the shard registry that applications read).
/// Scheme: <see cref="Sharding.ShardingScheme"/> (calculated suffix, FNV-1a 32-bit over UTF-8, <c>% ShardCount</c>).
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="IndexName">The GSI whose partition key is hot (its key attribute is sharded), or null.</param>
/// <param name="PartitionKey">The logical partition key value to shard.</param>
/// <param name="ShardCount">N: suffixes 0..N-1.</param>
/// <param name="RequiredShards">What the observed rate alone asks for (may exceed the maximum).</param>
/// <param name="CappedByMaximum">Whether the configured maximum kept N below <paramref name="RequiredShards"/>.</param>
/// <param name="ObservedUnitsPerSecond">The key's estimated demand (units/s) N was sized for.</param>
/// <param name="PartitionLimitPerSecond">1,000 (writes) or 3,000 (reads only).</param>
/// <param name="Algorithm">Always <see cref="Sharding.ShardingScheme.Algorithm"/>.</param>
/// <param name="Separator">Between the logical key and the suffix.</param>
/// <param name="Segment">The guardrail segment whose bounds applied, or null for defaults.</param>
public sealed record ShardingChange(
    string TableName,
    string? IndexName,
    string PartitionKey,
    int ShardCount,
    int RequiredShards,
    bool CappedByMaximum,
    double ObservedUnitsPerSecond,
    int PartitionLimitPerSecond,
    string Algorithm,
    string Separator,
    string? Segment);
