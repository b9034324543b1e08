namespace Automation.Functions.Host;

/// <summary><c>AUTOMATION_CLOCK</c> is set where it is not honoured (outside <c>sam local invoke</c>), or is not an instant.</summary>
public sealed class HostClockException(string message) : Exception(message);
