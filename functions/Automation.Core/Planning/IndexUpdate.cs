using Automation.Core.Facts;

namespace Automation.Core.Planning;

/// <summary>One <c>GlobalSecondaryIndexUpdates[].Update</c> entry of an UpdateTable call.</summary>
/// <param name="IndexName">The GSI.</param>
/// <param name="ProvisionedThroughput">New provisioned throughput, or null when unchanged.</param>
/// <param name="OnDemandThroughput">New on-demand maxima, or null when unchanged.</param>
public sealed record IndexUpdate(string IndexName, ThroughputSetting? ProvisionedThroughput, OnDemandThroughput? OnDemandThroughput);
