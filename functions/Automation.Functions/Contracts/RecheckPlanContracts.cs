using System.Text.Json.Serialization;
using Automation.Core.Facts;
using Automation.Core.Planning;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts;

/// <summary>RecheckPlan's input: <c>{"plan", "table": a FRESH DescribeTable Table, "facts": Diagnose's facts (for the metrics), "now"}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecheckPlanInput(
    RemediationPlan? Plan = null,
    RawTable? Table = null,
    ThrottlingFacts? Facts = null,
    DateTimeOffset? Now = null);

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
