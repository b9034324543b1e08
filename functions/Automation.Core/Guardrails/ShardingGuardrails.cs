namespace Automation.Core.Guardrails;

/// <summary>Bounds on write-sharding a hot key (YAML section <c>sharding</c>).</summary>
/// <param name="MinShards">Fewest shards a sharded key gets (≥ 1).</param>
/// <param name="MaxShards">Most shards (reads of an unknown item fan out to all of them).</param>
/// <param name="Headroom">Shards are sized for observed rate × headroom (≥ 1).</param>
/// <param name="Separator">Between the logical key and the suffix: <c>key#3</c>.</param>
public sealed record ShardingGuardrails(int MinShards, int MaxShards, double Headroom, string Separator);
