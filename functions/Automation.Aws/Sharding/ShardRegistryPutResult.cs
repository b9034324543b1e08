using Automation.Sharding;

namespace Automation.Aws.Sharding;

/// <summary>The outcome of <see cref="ShardRegistryStore.PutShardingAsync"/>.</summary>
/// <param name="Entry">The entry now in the registry.</param>
/// <param name="Written">False when the same change was already recorded (an idempotent repeat): nothing was written.</param>
public sealed record ShardRegistryPutResult(ShardRegistryEntry Entry, bool Written);
