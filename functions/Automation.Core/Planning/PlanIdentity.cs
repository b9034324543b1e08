using System.Globalization;
using System.Text;

using Automation.Core.Sharding;
using Automation.Hashing;

namespace Automation.Core.Planning;

/// <summary>
/// A plan id derived from the change itself (table, action, targets, shard counts), not from the time:
/// a duplicate alarm delivery that plans the same change gets the same id.
/// </summary>
internal static class PlanIdentity
{
    public static string Of(string tableName, RemediationKind action, TableUpdate? update, IReadOnlyList<ShardingChange> sharding)
    {
        var text = new StringBuilder();
        text.Append(tableName).Append('|').Append(action);
        if (update is not null)
        {
            text.Append('|').Append(update.BillingMode?.ToString() ?? "-");
            foreach (CapacityAdjustment a in update.Adjustments)
            {
                text.Append('|').Append(a.IndexName ?? "-").Append(':').Append(a.Dimension).Append(':').Append(a.Kind)
                    .Append(':').Append(a.To.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (ShardingChange s in sharding)
        {
            text.Append("|shard:").Append(s.IndexName ?? "-").Append(':').Append(s.PartitionKey).Append(':')
                .Append(s.ShardCount.ToString(CultureInfo.InvariantCulture));
        }

        return "plan-" + Fnv1a32.Hash(text.ToString()).ToString("x8", CultureInfo.InvariantCulture);
    }
}
