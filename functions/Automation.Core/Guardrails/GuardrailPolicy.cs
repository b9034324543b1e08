namespace Automation.Core.Guardrails;

/// <summary>
/// The guardrails of the runbooks folder: <c>defaults.yaml</c>'s defaults and prices, and one segment per segment file
/// (<c>segments/*.yaml</c>) with resolved settings.
/// </summary>
/// <param name="Version">Config version (recorded in every plan).</param>
/// <param name="Defaults">Guardrails of anything no segment names.</param>
/// <param name="Pricing">Prices for the cost cap.</param>
/// <param name="Segments">Segments, each with fully resolved settings.</param>
public sealed record GuardrailPolicy(
    int Version,
    GuardrailSettings Defaults,
    PricingAssumptions Pricing,
    IReadOnlyList<GuardrailSegment> Segments)
{
    /// <summary>A policy with only the built-in defaults (version 0).</summary>
    public static GuardrailPolicy BuiltIn { get; } = new(0, GuardrailSettings.Default, PricingAssumptions.Default, []);

    /// <summary>
    /// The most specific segment for a table, an index, and optionally a partition key value: the longest
    /// matching key prefix on that table/index, else the index segment, else the table segment; null if none.
    /// An index without its own segment inherits the table segment.
    /// </summary>
    public GuardrailSegment? SegmentFor(string tableName, string? indexName = null, string? partitionKey = null)
    {
        GuardrailSegment? tableSegment = null, indexSegment = null, prefixSegment = null;
        foreach (GuardrailSegment segment in Segments)
        {
            if (!string.Equals(segment.TableName, tableName, StringComparison.Ordinal))
            {
                continue;
            }

            bool sameIndex = string.Equals(segment.IndexName, indexName, StringComparison.Ordinal);
            if (segment.KeyPrefix is null)
            {
                if (segment.IndexName is null)
                {
                    tableSegment = segment;
                }
                else if (sameIndex)
                {
                    indexSegment = segment;
                }
            }
            else if (sameIndex && partitionKey is not null
                && partitionKey.StartsWith(segment.KeyPrefix, StringComparison.Ordinal)
                && (prefixSegment is null || segment.KeyPrefix.Length > prefixSegment.KeyPrefix!.Length))
            {
                prefixSegment = segment;
            }
        }

        return prefixSegment ?? indexSegment ?? tableSegment;
    }

    /// <summary>The resolved guardrails for a table, index, and optional partition key value.</summary>
    public GuardrailSettings For(string tableName, string? indexName = null, string? partitionKey = null) =>
        SegmentFor(tableName, indexName, partitionKey)?.Settings ?? Defaults;
}
