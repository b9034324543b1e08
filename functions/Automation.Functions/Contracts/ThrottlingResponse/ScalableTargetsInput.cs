using Automation.Core.Facts;

namespace Automation.Functions.Contracts.ThrottlingResponse;

/// <summary>
/// The <c>scalableTargets</c> field of Plan and RecheckPlan: Application Auto Scaling's DescribeScalableTargets
/// answer for the table and its GSIs, each target reduced by the state machine to
/// <c>{resourceId, scalableDimension, minCapacity, maxCapacity}</c> (its timestamps dropped).
/// </summary>
public static class ScalableTargetsInput
{
    /// <summary>The targets, checked to be on <paramref name="tableName"/> or its GSIs; null when the field is absent.</summary>
    public static IReadOnlyList<ScalableTarget>? Checked(IReadOnlyList<ScalableTarget>? targets, string tableName)
    {
        if (targets is null)
        {
            return null;
        }

        string table = ScalableTarget.ResourceIdOf(tableName, null);
        for (int i = 0; i < targets.Count; i++)
        {
            ScalableTarget? t = targets[i] ?? throw InputError.Field($"scalableTargets[{i}]", "must be a scalable target, got null");
            if (t.ResourceId is null || !(t.ResourceId == table || t.ResourceId.StartsWith(table + "/index/", StringComparison.Ordinal)))
            {
                throw InputError.Field($"scalableTargets[{i}].resourceId", $"must be '{table}' or '{table}/index/<index>', got '{t.ResourceId}'");
            }

            if (t.ScalableDimension is null || !t.ScalableDimension.StartsWith("dynamodb:", StringComparison.Ordinal))
            {
                throw InputError.Field($"scalableTargets[{i}].scalableDimension", $"must be a DynamoDB scalable dimension (dynamodb:table|index:Read|WriteCapacityUnits), got '{t.ScalableDimension}'");
            }
        }

        return targets;
    }
}
