using System.Globalization;

namespace Automation.Core.Planning;

/// <summary>Invariant-culture formatting for plan sentences.</summary>
internal static class PlanText
{
    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Resource(string table, string? index) => index is null ? $"table '{table}'" : $"index '{index}' of table '{table}'";

    public static string Unit(CapacityDimension dimension, AdjustmentKind kind) => (dimension, kind) switch
    {
        (CapacityDimension.Read, AdjustmentKind.ProvisionedCapacity) => "RCU/s",
        (CapacityDimension.Write, AdjustmentKind.ProvisionedCapacity) => "WCU/s",
        (CapacityDimension.Read, _) => "RRU/s",
        _ => "WRU/s",
    };

    public static string Name(CapacityDimension dimension) => dimension == CapacityDimension.Read ? "read" : "write";
}
