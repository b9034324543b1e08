namespace Automation.Core.Guardrails;

/// <summary>
/// What the planner may assume about the reads of a segment when it advises a cache for a read-hot key
/// (YAML section <c>caching</c>). CloudWatch cannot tell whether readers need strongly consistent reads,
/// so this is configuration; the default assumes they might (false), which leads to an application cache.
/// </summary>
/// <param name="ReadsTolerateEventualConsistency">
/// The readers of this segment accept eventually consistent reads. Only then may a plan recommend DAX, whose
/// item cache serves eventually consistent reads only (strongly consistent reads pass through to DynamoDB).
/// </param>
public sealed record CachingGuardrails(bool ReadsTolerateEventualConsistency);
