using Automation.Core.Access;
using Automation.Core.Segments;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>What the break-glass steps share: the segment and access scope of a request, refusals as one typed error, and
/// the partition, region and account a running state machine's ARN names.</summary>
internal static class BreakGlassRules
{
    /// <summary>The segment a recorded request is for, with its access section.</summary>
    /// <exception cref="AutomationException"><c>AccessRefused</c>: the segment or its access section is gone (a deploy since the request).</exception>
    public static (SegmentDefinition Segment, AccessScope Scope) SegmentOf(SegmentCatalog catalog, AccessRequest request)
    {
        SegmentDefinition? segment = catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, request.Segment, StringComparison.Ordinal));
        if (segment?.Access is not { } scope)
        {
            throw AccessRefusal.ToException([new AccessRefusal(segment is null ? AccessRules.SegmentUnknown : AccessRules.AccessNotEnabled, "segment",
                segment is null ? $"segment '{request.Segment}' is not in the bundled runbooks" : $"segment '{request.Segment}' has no access section")]);
        }

        return (segment, scope);
    }

    /// <summary>The partition, region and account of a state machine ARN (<c>arn:aws:states:us-east-1:123456789012:stateMachine:x</c>).</summary>
    /// <exception cref="AutomationException"><c>InvalidInput</c> naming <c>stateMachineArn</c>.</exception>
    public static (string Partition, string Region, string Account) ArnParts(string stateMachineArn)
    {
        string[] parts = (stateMachineArn ?? string.Empty).Split(':');
        return parts.Length >= 7 && parts[0] == "arn" && parts[2] == "states" && parts[3].Length > 0 && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit)
            ? (parts[1], parts[3], parts[4])
            : throw InputError.Field("stateMachineArn", $"must be a state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>), got '{stateMachineArn}'");
    }

    /// <summary>The ARN of a role (<c>arn:aws:iam::123456789012:role/break-glass/x</c>).</summary>
    public static string RoleArn(string partition, string account, string path, string roleName) => $"arn:{partition}:iam::{account}:role{path}{roleName}";
}
