namespace Automation.Core.Facts;

/// <summary>The CloudWatch statistic a series was fetched with.</summary>
public enum MetricStatistic
{
    Sum,
    Average,
    Maximum,
    Minimum,
    SampleCount,
}
