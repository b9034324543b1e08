namespace Automation.Core.Verification;

/// <summary>Throttle events of one metric family over a window, and the per-minute rate compared.</summary>
/// <param name="Metric">The family counted: per-reason throttle events, legacy throttle events, or ThrottledRequests.</param>
/// <param name="TotalEvents">Events over the window.</param>
/// <param name="WindowMinutes">Window length in minutes.</param>
/// <param name="EventsPerMinute">TotalEvents / WindowMinutes (0 for an empty window).</param>
/// <param name="WindowStart">Start of the window counted.</param>
/// <param name="WindowEnd">End of the window counted.</param>
public sealed record ThrottleRate(string Metric, double TotalEvents, double WindowMinutes, double EventsPerMinute, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);
