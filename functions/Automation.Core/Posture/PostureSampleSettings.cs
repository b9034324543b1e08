namespace Automation.Core.Posture;

/// <summary>
/// How the item-size sample reads a table (defaults.yaml <c>posture.sample</c>): a bounded Scan of at most
/// <see cref="PageLimit"/> pages of <see cref="PageSize"/> items, stopped before it would pass <paramref name="ReadCeiling"/>
/// read units (the query runner's ceiling, <see cref="Queries.QueryRunner"/>).
/// </summary>
/// <param name="Enabled">False: no sample is taken (the item-size rule then finds nothing).</param>
/// <param name="PageSize">Items per Scan page (DynamoDB <c>Limit</c>).</param>
/// <param name="PageLimit">Pages per table per run.</param>
/// <param name="ReadCeiling">Read units per table per run (eventually consistent reads: 0.5 RCU per 4 KB).</param>
/// <param name="Largest">How many of the largest items the record keeps.</param>
public sealed record PostureSampleSettings(bool Enabled = true, int PageSize = 100, int PageLimit = 10, double ReadCeiling = 500, int Largest = 3)
{
    /// <summary>The built-in sample: 10 pages of 100 items, at most 500 RCU, the 3 largest kept.</summary>
    public static PostureSampleSettings Default { get; } = new();
}

/// <summary>defaults.yaml's <c>posture</c> section, resolved.</summary>
/// <param name="Settings">Run-wide settings (quotas, exempt principals).</param>
/// <param name="Sample">How the item-size sample reads each table.</param>
/// <param name="Requirements">What every table must meet unless its segment says otherwise.</param>
public sealed record PostureDefaults(PostureSettings Settings, PostureSampleSettings Sample, PostureRequirements Requirements)
{
    /// <summary>The built-in defaults.</summary>
    public static PostureDefaults Default { get; } = new(PostureSettings.Default, PostureSampleSettings.Default, PostureRequirements.Default);
}
