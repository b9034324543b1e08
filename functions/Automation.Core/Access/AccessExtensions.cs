namespace Automation.Core.Access;

/// <summary>
/// Extensions of a live grant: an approved extension moves the expiry of the same role and policy (never a second grant,
/// never an early revoke). Each extension is at most the segment's <c>maxDurationMinutes</c>, and a grant is extended at
/// most <c>maxExtensions</c> times, so no window is longer than <c>maxDurationMinutes × (1 + maxExtensions)</c>.
/// </summary>
public static class AccessExtensions
{
    /// <summary>The new expiry: <paramref name="currentExpiry"/> plus <paramref name="minutes"/>.</summary>
    /// <param name="currentExpiry">The grant's expiry now.</param>
    /// <param name="minutes">The extension asked for.</param>
    /// <param name="grantedAt">When the grant started (bounds the whole window).</param>
    /// <param name="scope">The segment's access scope.</param>
    /// <param name="extensionsSoFar">Extensions already approved for this grant.</param>
    /// <exception cref="Errors.AutomationException">
    /// <see cref="Errors.ErrorTypes.AccessRefused"/> naming the rule: <see cref="AccessRules.ExtensionsExhausted"/>,
    /// <see cref="AccessRules.DurationInvalid"/> (under a minute) or <see cref="AccessRules.ExtensionOverMaximum"/>.
    /// </exception>
    public static DateTimeOffset ExtendedExpiry(DateTimeOffset currentExpiry, int minutes, DateTimeOffset grantedAt, AccessScope scope, int extensionsSoFar)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (extensionsSoFar >= scope.MaxExtensions)
        {
            throw AccessRefusal.ToException([new AccessRefusal(AccessRules.ExtensionsExhausted, "extensions",
                $"the grant was extended {extensionsSoFar} time(s); the segment allows {scope.MaxExtensions}: request new access instead")]);
        }

        if (minutes < 1)
        {
            throw AccessRefusal.ToException([new AccessRefusal(AccessRules.DurationInvalid, "minutes", $"an extension is at least 1 minute (got {minutes})")]);
        }

        if (minutes > scope.MaxDurationMinutes)
        {
            throw AccessRefusal.ToException([new AccessRefusal(AccessRules.ExtensionOverMaximum, "minutes",
                $"{minutes} minutes is over the segment's maximum of {scope.MaxDurationMinutes} per extension")]);
        }

        DateTimeOffset extended = currentExpiry.AddMinutes(minutes);
        double window = (extended - grantedAt).TotalMinutes;
        double limit = (double)scope.MaxDurationMinutes * (1 + scope.MaxExtensions);
        if (window > limit)
        {
            throw AccessRefusal.ToException([new AccessRefusal(AccessRules.ExtensionOverMaximum, "minutes",
                $"the grant would last {window:0} minutes from its start; the segment allows at most {limit:0} ({scope.MaxDurationMinutes} × (1 + {scope.MaxExtensions} extensions))")]);
        }

        return extended;
    }
}
