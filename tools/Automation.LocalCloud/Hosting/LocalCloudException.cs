namespace Automation.LocalCloud.Hosting;

/// <summary>The local cloud could not start, deploy or play: the message says what to do.</summary>
public sealed class LocalCloudException : Exception
{
    public LocalCloudException(string message)
        : base(message)
    {
    }

    public LocalCloudException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
