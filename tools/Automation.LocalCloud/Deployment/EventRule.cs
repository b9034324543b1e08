using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Deployment;

/// <summary>An EventBridge rule of the stack. moto stores rules but never delivers events to Step
/// Functions, so the scenario runner matches events against <see cref="Pattern"/> itself and starts
/// executions on the targets, as EventBridge would.</summary>
public sealed record EventRule(string LogicalId, string Name, JsonObject? Pattern, bool Enabled, IReadOnlyList<EventTarget> Targets);

/// <summary>A rule target: an ARN and how the event becomes its input (whole event, <c>Input</c>
/// constant, or <c>InputPath</c>).</summary>
public sealed record EventTarget(string Id, string Arn, string? Input, string? InputPath);
