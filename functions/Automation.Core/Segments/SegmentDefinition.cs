using Automation.Core.Access;
using Automation.Core.Alarms;
using Automation.Core.Guardrails;
using Automation.Core.Posture;
using Automation.Core.Queries;

namespace Automation.Core.Segments;

/// <summary>
/// One segment file (<c>runbooks/segments/&lt;name&gt;.yaml</c>), parsed and validated: what it covers, the table's key
/// schema and the indexes its templates use, attribute classes, its resolved guardrails, its query templates and its
/// break-glass access scope.
/// </summary>
/// <param name="Name">Segment name (the file's name without <c>.yaml</c>).</param>
/// <param name="Version">The file's version (a whole number, raised on every change; recorded with every run and plan).</param>
/// <param name="Description">What the segment is, for people.</param>
/// <param name="Owner">The team that owns (reviews) the file.</param>
/// <param name="Source">The file, relative to the runbooks folder (e.g. <c>segments/orders.yaml</c>).</param>
/// <param name="Covers">The table, index or key prefix.</param>
/// <param name="Schema">The table's keys and the indexes the templates use.</param>
/// <param name="Attributes">Attribute classes (sensitive: masked).</param>
/// <param name="Guardrails">The resolved guardrails: defaults ← table ← index ← key-prefix segment.</param>
/// <param name="Queries">The segment's query templates.</param>
/// <param name="Access">
/// The break-glass access scope: the file's <c>access</c> section, or (for an index or key-prefix segment without one)
/// its table segment's, whole; null when neither has one: the segment cannot be requested.
/// </param>
public sealed record SegmentDefinition(
    string Name,
    int Version,
    string Description,
    string Owner,
    string Source,
    SegmentScope Covers,
    TableSchema Schema,
    AttributeClasses Attributes,
    GuardrailSettings Guardrails,
    IReadOnlyList<QueryTemplate> Queries,
    AccessScope? Access)
{
    /// <summary>
    /// The resolved alarm section (defaults ← table ← index segment), or null for a key-prefix segment: DynamoDB
    /// publishes no metric per key prefix, so alarms belong to the table and index segments.
    /// </summary>
    public AlarmSettings? Alarms { get; init; }

    /// <summary>
    /// What the posture workflow requires of the segment's table (defaults.yaml ← the table segment's <c>posture</c>
    /// section); index and key-prefix segments carry their table segment's.
    /// </summary>
    public PostureRequirements Posture { get; init; } = PostureRequirements.Default;

    /// <summary>
    /// The resolved <c>safety</c> section (defaults.yaml ← table ← index ← key-prefix segment, each adding kinds): the
    /// plan kinds that take an on-demand backup of the table before they are applied.
    /// </summary>
    public Safety.SafetySettings Safety { get; init; } = Core.Safety.SafetySettings.Default;
}
