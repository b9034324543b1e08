namespace Automation.Core.Planning;

/// <summary>Read or write capacity.</summary>
public enum CapacityDimension
{
    Read,
    Write,
}
