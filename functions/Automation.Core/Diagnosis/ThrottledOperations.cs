namespace Automation.Core.Diagnosis;

/// <summary>Which operations the diagnosed cause throttled.</summary>
public enum ThrottledOperations
{
    None,
    Read,
    Write,
    ReadAndWrite,
}
