namespace Automation.Core.Diagnosis;

/// <summary>One number that supports a diagnosis, with its unit, for the incident record.</summary>
/// <param name="Metric">The CloudWatch metric name (or DescribeTable field) the value comes from.</param>
/// <param name="IndexName">The GSI, or null for the table.</param>
/// <param name="Measure">How the value was derived.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Its unit, e.g. "events", "WCU/s".</param>
public sealed record Evidence(string Metric, string? IndexName, EvidenceMeasure Measure, double Value, string Unit);
