namespace Automation.Core.Incidents;

/// <summary>
/// The diagnosis as the incident keeps it: a few typed fields to list and count by, and the
/// diagnose step's full output as opaque JSON (its shape belongs to the diagnosis code).
/// </summary>
/// <param name="Kind">Machine-readable cause (e.g. <c>HotPartitionKey</c>); the metric dimension.</param>
/// <param name="Explanation">One or two sentences for people.</param>
/// <param name="DetailJson">The full diagnosis, JSON text, or null.</param>
public sealed record DiagnosisRecord(string Kind, string? Explanation, string? DetailJson);
