namespace Automation.Core.Access;

/// <summary>When a grant started and when it ends (moved by an approved extension).</summary>
/// <param name="GrantedAt">When the role and its policy were created.</param>
/// <param name="ExpiresAt">When the grant ends: the policies' <c>aws:CurrentTime</c> bound and the hold's end.</param>
public sealed record GrantWindow(DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The window's length.</summary>
    public TimeSpan Length => ExpiresAt - GrantedAt;
}
