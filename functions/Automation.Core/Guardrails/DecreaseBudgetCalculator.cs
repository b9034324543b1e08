using System.Globalization;

using Automation.Core.Facts;

namespace Automation.Core.Guardrails;

/// <summary>
/// DynamoDB's decrease quota, per table and per GSI (counted separately): up to 4 decreases in the first hour
/// of a UTC day when none was made yet that day; after that 1 per hour if none was made in the previous
/// hour; at most 27 a day. Computed from <c>NumberOfDecreasesToday</c> and <c>LastDecreaseDateTime</c>.
/// Where the facts are ambiguous (a count without a date), the smaller budget wins.
/// </summary>
public static class DecreaseBudgetCalculator
{
    public const int FirstHourDecreases = 4;
    public const int MaxDecreasesPerDay = 27;

    public static DecreaseBudget For(ProvisionedThroughputFacts throughput, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(throughput);
        DateTimeOffset nowUtc = now.ToUniversalTime();
        var dayStart = new DateTimeOffset(nowUtc.Year, nowUtc.Month, nowUtc.Day, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset firstHourEnd = dayStart.AddHours(1);
        DateTimeOffset nextDay = dayStart.AddDays(1);
        DateTimeOffset? last = throughput.LastDecreaseDateTime?.ToUniversalTime();

        // A count with a last decrease before today is yesterday's; with no date at all, trust the count.
        int today = last is { } l && l < dayStart ? 0 : Math.Max(0, throughput.NumberOfDecreasesToday);
        if (today >= MaxDecreasesPerDay)
        {
            return new DecreaseBudget(0, today, nextDay, Text($"{today} decreases today reach the daily maximum of {MaxDecreasesPerDay}"));
        }

        bool lastInFirstHour = last is { } lf && lf >= dayStart && lf < firstHourEnd;
        if (nowUtc < firstHourEnd && (today == 0 || (lastInFirstHour && today < FirstHourDecreases)))
        {
            return new DecreaseBudget(FirstHourDecreases - today, today, null,
                Text($"first hour of the UTC day: {FirstHourDecreases - today} of {FirstHourDecreases} decreases left"));
        }

        if (last is null || nowUtc - last.Value >= TimeSpan.FromHours(1))
        {
            return new DecreaseBudget(1, today, null, "no decrease in the previous hour: 1 decrease allowed");
        }

        DateTimeOffset next = last.Value.AddHours(1) < nextDay ? last.Value.AddHours(1) : nextDay;
        return new DecreaseBudget(0, today, next, Text($"a decrease was made at {last.Value:u}, within the previous hour"));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
