namespace Automation.Core.Planning;

/// <summary>UpdateTable's <c>ProvisionedThroughput</c>: both values are required by the API, so the unchanged one carries the current value.</summary>
public sealed record ThroughputSetting(long ReadCapacityUnits, long WriteCapacityUnits);
