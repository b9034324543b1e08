namespace Automation.Core.Guardrails;

/// <summary>
/// A segment (a table, one of its GSIs, or a key prefix of either) with its resolved guardrails:
/// the defaults overlaid with the table segment, then the index segment, then the key-prefix segment.
/// </summary>
/// <param name="Name">Unique segment name (appears in plans and incident records).</param>
/// <param name="TableName">The table.</param>
/// <param name="IndexName">The GSI, or null for the table's own key space.</param>
/// <param name="KeyPrefix">Partition key prefix, or null for the whole table/index.</param>
/// <param name="Settings">The resolved guardrails.</param>
public sealed record GuardrailSegment(
    string Name,
    string TableName,
    string? IndexName,
    string? KeyPrefix,
    GuardrailSettings Settings);
