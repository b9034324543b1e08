using Automation.Core.Facts;
using Automation.Core.Planning;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts.ThrottlingResponse;

/// <summary>
/// RecheckPlan's input: <c>{"plan", "table": a FRESH DescribeTable Table, "facts": Diagnose's facts (for the metrics), "now",
/// "scalableTargets"?: a FRESH DescribeScalableTargets of the table and its GSIs}</c> (absent: the facts' own).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecheckPlanInput(
    RemediationPlan? Plan = null,
    RawTable? Table = null,
    ThrottlingFacts? Facts = null,
    DateTimeOffset? Now = null,
    IReadOnlyList<ScalableTarget>? ScalableTargets = null)
{
    /// <summary>The checked input: the plan, the facts with the fresh table in place of Diagnose's, and now.</summary>
    public (RemediationPlan Plan, ThrottlingFacts FreshFacts, DateTimeOffset Now) Validate()
    {
        var plan = StepInput.Required(Plan, "plan");
        TableFacts fresh = DescribeTableMapper.Map(Table);
        var facts = StepInput.Required(Facts, "facts");
        DateTimeOffset now = StepInput.Required(Now, "now");
        if (!string.Equals(facts.Table?.TableName, fresh.TableName, StringComparison.Ordinal))
        {
            throw InputError.Field("table.TableName", $"is '{fresh.TableName}' but the facts describe '{facts.Table?.TableName}'");
        }

        return (plan, facts with { Table = fresh, ScalableTargets = ScalableTargetsInput.Checked(ScalableTargets, fresh.TableName) ?? facts.ScalableTargets }, now);
    }
}

/// <summary>
/// RecheckPlan's output: which UpdateTable to send (<c>updateKind</c>, see <see cref="UpdateKind"/>) and the request
/// itself (<c>update</c>, null for None). <c>alreadyApplied</c>: the fresh table already shows every target.
/// </summary>
public sealed record RecheckPlanOutput(
    UpdateKind UpdateKind,
    UpdateTableRequest? Update,
    bool AlreadyApplied,
    string PlanId,
    string Message);
