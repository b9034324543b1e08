using Automation.Functions.Metrics;

namespace Automation.Functions.Host;

/// <summary>What the host hands every step: logging, metrics and the clock. AWS clients are
/// created from the standard SDK settings (AWS_REGION, AWS_ENDPOINT_URL, ...).</summary>
public sealed record StepServices(ILoggerFactory Loggers, IMetricsWriter Metrics, TimeProvider Time);
