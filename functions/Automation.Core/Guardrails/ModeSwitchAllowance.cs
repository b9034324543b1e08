namespace Automation.Core.Guardrails;

/// <summary>The provisioned → on-demand switch quota over a rolling 24 hours.</summary>
public static class ModeSwitchAllowance
{
    /// <summary>Switches in (now − 24 h, now]; switches dated after <paramref name="now"/> count too (clock skew).</summary>
    public static int SwitchesInLast24Hours(IReadOnlyList<DateTimeOffset> switches, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(switches);
        DateTimeOffset since = now.AddHours(-24);
        int count = 0;
        foreach (DateTimeOffset at in switches)
        {
            if (at > since)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether one more switch fits both the configured limit and DynamoDB's 4 per rolling 24 h.</summary>
    public static bool CanSwitch(IReadOnlyList<DateTimeOffset> switches, DateTimeOffset now, OnDemandGuardrails guardrails)
    {
        ArgumentNullException.ThrowIfNull(guardrails);
        int limit = Math.Min(guardrails.MaxSwitchesPer24Hours, OnDemandGuardrails.DynamoDbSwitchLimitPer24Hours);
        return SwitchesInLast24Hours(switches, now) < limit;
    }
}
