namespace Automation.Core.Sharding;

/// <summary>What one DynamoDB partition serves per second, in both capacity modes.</summary>
public static class PartitionThroughputLimits
{
    /// <summary>Read capacity units per second per partition.</summary>
    public const int ReadUnitsPerSecond = 3000;

    /// <summary>Write capacity units per second per partition.</summary>
    public const int WriteUnitsPerSecond = 1000;
}
