namespace Automation.Core.Sharding;

/// <summary>The shard count chosen for a hot key, and whether the bounds stopped it short.</summary>
/// <param name="ShardCount">The chosen N, within [min, max].</param>
/// <param name="RequiredShards">ceil(rate × headroom / partition limit): what the rate alone asks for.</param>
/// <param name="CappedByMaximum">True when <paramref name="RequiredShards"/> exceeded the configured maximum.</param>
public sealed record ShardCountDecision(int ShardCount, int RequiredShards, bool CappedByMaximum);
