using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>The mutable working state of one planning run; the planner turns it into a <see cref="RemediationPlan"/>.</summary>
internal sealed class PlanDraft
{
    public RemediationKind Action { get; set; } = RemediationKind.NoAction;

    public TableUpdate? TableUpdate { get; set; }

    public List<ShardingChange> Sharding { get; } = [];

    public List<GuardrailNote> Notes { get; } = [];

    public List<string> Advice { get; } = [];

    public string Summary { get; set; } = string.Empty;

    public bool FalseAlarm { get; set; }

    public void Note(GuardrailKind kind, string? indexName, string detail) => Notes.Add(new GuardrailNote(kind, indexName, detail));
}
