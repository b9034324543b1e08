using Automation.Core.Access;
using Automation.Core.Segments;

using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>Every rule of the break-glass checklist with its boundary: the refusal names the rule, the field and what is wrong; the allowed side of each boundary passes.</summary>
public class AccessCriteriaTests
{
    private static readonly string LongKey = new('k', 2048);
    private static readonly string TooLongKey = new string('é', 1024) + "x"; // 2,049 UTF-8 bytes in 1,025 characters

    /// <summary>name → (request, its one refusal's rule, field, part of the message).</summary>
    private static readonly Dictionary<string, (AccessRequest Request, string Rule, string Field, string Message)> Refused = new()
    {
        ["not an ARN"] = (Valid with { Requester = "alice" }, AccessRules.RequesterInvalid, "requester", "'alice' is not an IAM user, role or assumed-role session ARN"),
        ["account root"] = (Valid with { Requester = "arn:aws:iam::123456789012:root" }, AccessRules.RequesterInvalid, "requester", "is not an IAM user"),
        ["11-digit account"] = (Valid with { Requester = "arn:aws:sts::12345678901:assumed-role/OnCall/alice" }, AccessRules.RequesterInvalid, "requester", "is not an IAM user"),
        ["federated user"] = (Valid with { Requester = "arn:aws:sts::123456789012:federated-user/alice" }, AccessRules.RequesterInvalid, "requester", "is not"),
        ["group"] = (Valid with { Requester = "arn:aws:iam::123456789012:group/OnCall" }, AccessRules.RequesterInvalid, "requester", "is not"),
        ["session without name"] = (Valid with { Requester = "arn:aws:sts::123456789012:assumed-role/OnCall" }, AccessRules.RequesterInvalid, "requester", "is not"),
        ["unknown segment"] = (Valid with { Segment = "payments" }, AccessRules.SegmentUnknown, "segment", "no segment 'payments' (segments: orders, orders-by-status, orders-tenant-acme, closed)"),
        ["segment without access"] = (Valid with { Segment = "closed" }, AccessRules.AccessNotEnabled, "segment", "segment 'closed' has no access section (segments/closed.yaml"),
        ["other role"] = (Valid with { Requester = "arn:aws:sts::123456789012:assumed-role/Developer/alice" }, AccessRules.RequesterNotAllowed, "requester", "matches none of segment 'orders''s requesters"),
        ["patterns are case-sensitive"] = (Valid with { Requester = "arn:aws:sts::123456789012:assumed-role/oncall/alice" }, AccessRules.RequesterNotAllowed, "requester", "matches none"),
        ["a user is not the role"] = (Valid with { Requester = "arn:aws:iam::123456789012:user/OnCall" }, AccessRules.RequesterNotAllowed, "requester", "matches none"),
        ["no reason"] = (Valid with { Reason = "" }, AccessRules.ReasonRequired, "reason", "required: why"),
        ["blank reason"] = (Valid with { Reason = "  \t" }, AccessRules.ReasonRequired, "reason", "required"),
        ["no incident, no ticket"] = (Valid with { IncidentId = null, Ticket = " " }, AccessRules.TicketRequired, "ticket", "requires an incidentId or a ticket"),
        ["no action"] = (Valid with { Actions = [] }, AccessRules.ActionRequired, "actions", "required: at least one action"),
        ["dynamodb:*"] = (Valid with { Actions = ["dynamodb:*"] }, AccessRules.ActionForbidden, "actions[0]", "wildcards are never granted"),
        ["*"] = (Valid with { Actions = ["GetItem", "*"] }, AccessRules.ActionForbidden, "actions[1]", "wildcards are never granted"),
        ["dynamodb:Get*"] = (Valid with { Actions = ["dynamodb:Get*"] }, AccessRules.ActionForbidden, "actions[0]", "wildcards"),
        ["dynamodb:Get?tem"] = (Valid with { Actions = ["dynamodb:Get?tem"] }, AccessRules.ActionForbidden, "actions[0]", "wildcards"),
        ["DeleteTable"] = (Valid with { Actions = ["dynamodb:DeleteTable"] }, AccessRules.ActionForbidden, "actions[0]", "is not a DynamoDB data action: break-glass never grants table, index"),
        ["UpdateTable"] = (Valid with { Actions = ["GetItem", "Query", "UpdateTable"] }, AccessRules.ActionForbidden, "actions[2]", "not a DynamoDB data action"),
        ["CreateBackup"] = (Valid with { Actions = ["dynamodb:CreateBackup"] }, AccessRules.ActionForbidden, "actions[0]", "not a DynamoDB data action"),
        ["stream"] = (Valid with { Actions = ["dynamodb:GetRecords"] }, AccessRules.ActionForbidden, "actions[0]", "not a DynamoDB data action"),
        ["TTL"] = (Valid with { Actions = ["dynamodb:UpdateTimeToLive"] }, AccessRules.ActionForbidden, "actions[0]", "not a DynamoDB data action"),
        ["tags"] = (Valid with { Actions = ["dynamodb:TagResource"] }, AccessRules.ActionForbidden, "actions[0]", "not a DynamoDB data action"),
        ["PartiQLSelect"] = (Valid with { Actions = ["dynamodb:PartiQLSelect"] }, AccessRules.ActionForbidden, "actions[0]", "PartiQL actions are never granted"),
        ["ExecuteStatement"] = (Valid with { Actions = ["ExecuteStatement"] }, AccessRules.ActionForbidden, "actions[0]", "not a DynamoDB data action"),
        ["another service"] = (Valid with { Actions = ["s3:GetObject"] }, AccessRules.ActionForbidden, "actions[0]", "is not a DynamoDB action"),
        ["a near miss"] = (Valid with { Actions = ["dynamodb:GetItems"] }, AccessRules.ActionForbidden, "actions[0]", "not a DynamoDB data action"),
        ["not in the segment's list"] = (Valid with { Actions = ["GetItem", "dynamodb:DeleteItem"] }, AccessRules.ActionNotAllowed, "actions[1]", "dynamodb:DeleteItem is not allowed on segment 'orders' (allowed: GetItem, BatchGetItem, Query, Scan, ConditionCheckItem, PutItem, UpdateItem)"),
        ["GetItem on an index segment"] = (Valid with { Segment = "orders-by-status", Indexes = [], Actions = ["Query", "GetItem"] }, AccessRules.ActionNotAllowed, "actions[1]", "covers index 'ByStatus': only Query and Scan read an index"),
        ["Scan with keys"] = (Valid with { Actions = ["Scan"], Attributes = [] }, AccessRules.ScanWithKeys, "actions[0]", "a Scan carries no partition key"),
        ["Scan with prefixes"] = (Valid with { Actions = ["Query", "Scan"], LeadingKeys = [], LeadingKeyPrefixes = ["customer#47"] }, AccessRules.ScanWithKeys, "actions[1]", "a Scan carries no partition key"),
        ["Scan on a key-prefix segment"] = (Valid with { Segment = "orders-tenant-acme", Indexes = [], LeadingKeys = [], Actions = ["Scan"] }, AccessRules.ScanWithKeys, "actions[0]", "is a key-prefix segment (Orders[tenant#acme*]): a Scan would read every key"),
        ["undeclared index"] = (Valid with { Indexes = ["ByCustomer", "ByNothing"] }, AccessRules.IndexUnknown, "indexes[1]", "index 'ByNothing' is not declared in segment 'orders''s schema.indexes (declared: ByCustomer, ByStatus, ByTotal)"),
        ["another index of an index segment"] = (Valid with { Segment = "orders-by-status", Indexes = ["ByCustomer"], Actions = ["Query"], LeadingKeys = [] }, AccessRules.IndexUnknown, "indexes[0]", "covers index 'ByStatus' only (got 'ByCustomer')"),
        ["a GSI of a key-prefix segment"] = (Valid with { Segment = "orders-tenant-acme", Indexes = ["ByCustomer"], LeadingKeys = ["tenant#acme#1"] }, AccessRules.IndexUnknown, "indexes[0]", "index 'ByCustomer' has another partition key ('customerId')"),
        ["a key outside the prefix"] = (Valid with { Segment = "orders-tenant-acme", Indexes = [], LeadingKeys = ["tenant#acme#1", "tenant#acm"] }, AccessRules.KeysOutsideSegment, "leadingKeys[1]", "'tenant#acm' does not start with segment 'orders-tenant-acme''s key prefix 'tenant#acme'"),
        ["a wider prefix"] = (Valid with { Segment = "orders-tenant-acme", Indexes = [], LeadingKeys = [], LeadingKeyPrefixes = ["tenant#"] }, AccessRules.KeysOutsideSegment, "leadingKeyPrefixes[0]", "does not start with"),
        ["a key of another case"] = (Valid with { Segment = "orders-tenant-acme", Indexes = [], LeadingKeys = ["TENANT#ACME#1"] }, AccessRules.KeysOutsideSegment, "leadingKeys[0]", "does not start with"),
        ["an empty key"] = (Valid with { LeadingKeys = ["customer#1", ""] }, AccessRules.KeyInvalid, "leadingKeys[1]", "must not be empty"),
        ["an empty prefix"] = (Valid with { LeadingKeys = [], LeadingKeyPrefixes = [""] }, AccessRules.KeyInvalid, "leadingKeyPrefixes[0]", "must not be empty"),
        ["a key over 2048 bytes"] = (Valid with { LeadingKeys = [TooLongKey] }, AccessRules.KeyInvalid, "leadingKeys[0]", "is 2049 bytes; a partition key is at most 2048 bytes"),
        ["a key holding a policy variable"] = (Valid with { LeadingKeys = ["customer#${aws:username}"] }, AccessRules.KeyInvalid, "leadingKeys[0]", "holds '${', which IAM reads as a policy variable"),
        ["a prefix holding a policy variable"] = (Valid with { LeadingKeys = [], LeadingKeyPrefixes = ["${aws:userid}"] }, AccessRules.KeyInvalid, "leadingKeyPrefixes[0]", "holds '${'"),
        ["an attribute holding a policy variable"] = (Valid with { Attributes = ["${x}"] }, AccessRules.AttributesInvalid, "attributes[0]", "holds '${'"),
        ["an empty attribute"] = (Valid with { Attributes = ["status", ""] }, AccessRules.AttributesInvalid, "attributes[1]", "must not be empty"),
        ["a duplicate attribute"] = (Valid with { Attributes = ["status", "total", "status"] }, AccessRules.AttributesInvalid, "attributes[2]", "'status' is listed twice"),
        ["zero minutes"] = (Valid with { DurationMinutes = 0 }, AccessRules.DurationInvalid, "durationMinutes", "must be at least 1 minute (got 0)"),
        ["negative minutes"] = (Valid with { DurationMinutes = -5 }, AccessRules.DurationInvalid, "durationMinutes", "at least 1 minute"),
        ["maximum + 1"] = (Valid with { DurationMinutes = 61 }, AccessRules.DurationOverMaximum, "durationMinutes", "61 minutes is over segment 'orders''s maximum of 60"),
        ["emergency write, readOnly"] = (Valid with { Emergency = true, Actions = ["GetItem", "PutItem"] }, AccessRules.EmergencyNotAllowed, "emergency", "for read-only grants only (emergency: readOnly)"),
    };

    public static TheoryData<string> RefusedCases() => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public void Each_rule_refuses_naming_itself_and_the_field(string name)
    {
        (AccessRequest request, string rule, string field, string message) = Refused[name];

        IReadOnlyList<AccessRefusal> refusals = AccessCriteria.Check(request, Catalog);

        AccessRefusal refusal = Assert.Single(refusals);
        Assert.Equal((rule, field), (refusal.Rule, refusal.Field));
        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>name → a request on the allowed side of a boundary.</summary>
    private static readonly Dictionary<string, AccessRequest> Allowed = new()
    {
        ["the sample"] = Valid,
        ["the role itself as requester"] = Valid with { Requester = "arn:aws:iam::123456789012:role/OnCall" },
        ["another account's OnCall session"] = Valid with { Requester = "arn:aws:sts::210987654321:assumed-role/OnCall/carol" },
        ["GetItem without prefix, any case"] = Valid with { Actions = ["GetItem", "dynamodb:query", "DYNAMODB:BatchGetItem"] },
        ["a ticket instead of an incident"] = Valid with { IncidentId = null, Ticket = "OPS-1" },
        ["duration = maximum"] = Valid with { DurationMinutes = 60 },
        ["duration = 1"] = Valid with { DurationMinutes = 1 },
        ["Scan without keys on a table segment"] = Valid with { Actions = ["Scan"], LeadingKeys = [], Attributes = [] },
        ["Query and Scan of an index segment"] = Valid with { Segment = "orders-by-status", Indexes = ["ByStatus"], Actions = ["Query", "Scan"], LeadingKeys = [] },
        ["a key equal to the prefix"] = Valid with { Segment = "orders-tenant-acme", Indexes = [], LeadingKeys = ["tenant#acme"] },
        ["a narrower prefix"] = Valid with { Segment = "orders-tenant-acme", Indexes = [], LeadingKeys = [], LeadingKeyPrefixes = ["tenant#acme#eu-"] },
        ["no key on a key-prefix segment"] = Valid with { Segment = "orders-tenant-acme", Indexes = [], LeadingKeys = [] },
        ["an LSI of a key-prefix segment"] = Valid with { Segment = "orders-tenant-acme", Indexes = ["ByTotal"], LeadingKeys = ["tenant#acme#1"] },
        ["a key of 2048 bytes"] = Valid with { LeadingKeys = [LongKey] },
        ["keys with $, * and ?"] = Valid with { LeadingKeys = ["a$b", "c*", "d?{"], LeadingKeyPrefixes = ["$*?"], Attributes = ["$x", "y{"] },
        ["every attribute"] = Valid with { Attributes = [] },
        ["emergency read, readOnly"] = Valid with { Emergency = true },
        ["writes without emergency"] = Valid with { Actions = ["PutItem", "UpdateItem"] },
    };

    public static TheoryData<string> AllowedCases() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(AllowedCases))]
    public void The_allowed_side_of_each_boundary_passes(string name)
    {
        IReadOnlyList<AccessRefusal> refusals = AccessCriteria.Check(Allowed[name], Catalog);

        Assert.True(refusals.Count == 0, string.Join("\n", refusals));
    }

    [Fact]
    public void Every_refusal_is_reported_in_checklist_order()
    {
        AccessRequest bad = new(
            "arn:aws:sts::123456789012:assumed-role/OnCall", "orders", ["ByNothing"], ["dynamodb:*", "DeleteItem", "Scan"], [""], [],
            ["a", "a"], 0, "", null, null, Emergency: false);

        IReadOnlyList<AccessRefusal> refusals = AccessCriteria.Check(bad, Catalog);

        Assert.Equal(
            [
                (AccessRules.RequesterInvalid, "requester"), (AccessRules.ReasonRequired, "reason"), (AccessRules.TicketRequired, "ticket"),
                (AccessRules.ActionForbidden, "actions[0]"), (AccessRules.ActionNotAllowed, "actions[1]"), (AccessRules.ScanWithKeys, "actions[2]"),
                (AccessRules.IndexUnknown, "indexes[0]"), (AccessRules.KeyInvalid, "leadingKeys[0]"), (AccessRules.AttributesInvalid, "attributes[1]"),
                (AccessRules.DurationInvalid, "durationMinutes"),
            ],
            refusals.Select(r => (r.Rule, r.Field)));
        Assert.Equal(refusals.OrderBy(r => AccessRules.Checklist.ToList().IndexOf(r.Rule)).ToList(), refusals);
    }

    [Fact]
    public void An_unknown_segment_still_reports_the_request_rules()
    {
        IReadOnlyList<AccessRefusal> refusals = AccessCriteria.Check(Valid with { Segment = "nope", Actions = ["dynamodb:*"], DurationMinutes = 0 }, Catalog);

        Assert.Equal([AccessRules.SegmentUnknown, AccessRules.ActionForbidden, AccessRules.DurationInvalid], refusals.Select(r => r.Rule));
    }

    [Fact]
    public void Emergency_policies()
    {
        SegmentDefinition never = Orders with { Access = Scope with { Emergency = EmergencyPolicy.Never } };
        SegmentDefinition any = Orders with { Access = Scope with { Emergency = EmergencyPolicy.Any } };
        AccessRequest read = Valid with { Emergency = true };
        AccessRequest write = Valid with { Emergency = true, Actions = ["PutItem"] };

        Assert.Equal(AccessRules.EmergencyNotAllowed, Assert.Single(AccessCriteria.Check(read, CatalogOf(never))).Rule);
        Assert.Contains("never lets an emergency skip approval", AccessCriteria.Check(read, CatalogOf(never))[0].Message, StringComparison.Ordinal);
        Assert.Empty(AccessCriteria.Check(write, CatalogOf(any)));
        Assert.Empty(AccessCriteria.Check(read, Catalog));
    }

    [Fact]
    public void Requests_whose_policy_would_not_fit_are_refused_naming_the_largest_list()
    {
        string[] keys = [.. Enumerable.Range(0, 400).Select(i => $"customer#{i:D20}")];

        AccessRefusal refusal = Assert.Single(AccessCriteria.Check(Valid with { LeadingKeys = keys }, Catalog));

        Assert.Equal((AccessRules.PolicyTooLarge, "leadingKeys"), (refusal.Rule, refusal.Field));
        Assert.Contains("over IAM's 10240", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"revoke-sessions policy ({AccessPolicySynthesizer.RevokeSessionsPolicySize})", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_grants_need_point_in_time_recovery_at_grant_time()
    {
        AccessRequest write = Valid with { Actions = ["GetItem", "PutItem"] };

        Assert.Empty(AccessCriteria.Check(write, Catalog));
        AccessRefusal refusal = Assert.Single(AccessCriteria.CheckBeforeGrant(write, Catalog, pointInTimeRecoveryEnabled: false));
        Assert.Equal((AccessRules.PitrRequired, "actions"), (refusal.Rule, refusal.Field));
        Assert.Contains("point-in-time recovery on table 'Orders'", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(AccessCriteria.CheckBeforeGrant(write, Catalog, pointInTimeRecoveryEnabled: true));
        Assert.Empty(AccessCriteria.CheckBeforeGrant(Valid, Catalog, pointInTimeRecoveryEnabled: false));
    }

    [Fact]
    public void A_refusal_becomes_an_AccessRefused_error_naming_every_rule()
    {
        IReadOnlyList<AccessRefusal> refusals = AccessCriteria.Check(Valid with { Reason = "", DurationMinutes = 61 }, Catalog);

        Errors.AutomationException error = AccessRefusal.ToException(refusals);

        Assert.Equal((Errors.ErrorTypes.AccessRefused, "reason"), (error.ErrorType, error.Field));
        Assert.StartsWith("Access refused (2 rules): reason-required (reason): required", error.Message, StringComparison.Ordinal);
        Assert.Contains("duration-over-maximum (durationMinutes): 61 minutes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Lead, Requester, true)]
    [InlineData(Requester, Requester, false)]                                                            // not an approver, and the same person
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCallLead/alice", Requester, true)]            // another role: another person
    [InlineData("arn:aws:sts::123456789012:assumed-role/Developer/bob", Requester, false)]              // not an approver
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCallLead", Requester, false)]                 // not a valid ARN
    [InlineData(Lead, "not-an-arn", false)]
    public void An_approver_matches_the_approver_patterns_and_is_someone_else(string approver, string requester, bool may)
    {
        Assert.Equal(may, AccessCriteria.MayApprove(approver, requester, Scope));
    }

    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCall/alice", "arn:aws:sts::123456789012:assumed-role/OnCall/alice", true)]
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCall/alice", "arn:aws:sts::123456789012:assumed-role/OnCall/Alice", true)]   // IAM names ignore case: err towards "same"
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCall/alice", "arn:aws:sts::123456789012:assumed-role/OnCall/bob", false)]
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCall/alice", "arn:aws:sts::210987654321:assumed-role/OnCall/alice", false)] // another account
    [InlineData("arn:aws:iam::123456789012:role/OnCall", "arn:aws:sts::123456789012:assumed-role/OnCall/bob", true)]                 // a role is everyone in it
    [InlineData("arn:aws:iam::123456789012:role/team/OnCall", "arn:aws:sts::123456789012:assumed-role/OnCall/bob", true)]
    [InlineData("arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/ops/alice", true)]                           // user names are unique per account
    [InlineData("arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/bob", false)]
    [InlineData("arn:aws:iam::123456789012:user/alice", "arn:aws:sts::123456789012:assumed-role/alice/alice", false)]
    public void The_same_person(string first, string second, bool same)
    {
        Assert.Equal(same, AccessCriteria.SamePerson(first, second));
        Assert.Equal(same, AccessCriteria.SamePerson(second, first));
        var scope = Scope with { Approvers = ["arn:aws:*"] };
        Assert.Equal(!same, AccessCriteria.MayApprove(second, first, scope));
    }

    [Fact]
    public void Approvals_needed()
    {
        AccessScope any = Scope with { Emergency = EmergencyPolicy.Any };
        AccessRequest write = Valid with { Actions = ["GetItem", "UpdateItem"] };

        Assert.Equal(1, AccessCriteria.ApprovalsNeeded(Valid, Scope));
        Assert.Equal(2, AccessCriteria.ApprovalsNeeded(write, Scope));
        Assert.Equal(1, AccessCriteria.ApprovalsNeeded(write, Scope with { WriteApprovers = 1 }));
        Assert.Equal(0, AccessCriteria.ApprovalsNeeded(Valid with { Emergency = true }, Scope));
        Assert.Equal(2, AccessCriteria.ApprovalsNeeded(write with { Emergency = true }, Scope));
        Assert.Equal(0, AccessCriteria.ApprovalsNeeded(write with { Emergency = true }, any));
        Assert.Equal(1, AccessCriteria.ApprovalsNeeded(Valid with { Emergency = true }, Scope with { Emergency = EmergencyPolicy.Never }));
    }

    [Theory]
    [InlineData("GetItem", true, AccessAction.GetItem)]
    [InlineData("dynamodb:GetItem", true, AccessAction.GetItem)]
    [InlineData("DynamoDB:getitem", true, AccessAction.GetItem)]
    [InlineData("dynamodb:BatchWriteItem", true, AccessAction.BatchWriteItem)]
    [InlineData("dynamodb:*", false, AccessAction.GetItem)]
    [InlineData("dynamodb:GetItem*", false, AccessAction.GetItem)]
    [InlineData("dynamodb:PartiQLSelect", false, AccessAction.GetItem)]
    [InlineData("dynamodb:DeleteTable", false, AccessAction.GetItem)]
    [InlineData("s3:GetItem", false, AccessAction.GetItem)]
    [InlineData(" GetItem", false, AccessAction.GetItem)]
    [InlineData("", false, AccessAction.GetItem)]
    public void Actions_parse_with_or_without_the_service_prefix(string text, bool parses, AccessAction expected)
    {
        Assert.Equal(parses, AccessActions.TryParse(text, out AccessAction action));
        if (parses)
        {
            Assert.Equal(expected, action);
        }
    }

    [Fact]
    public void Reads_and_writes()
    {
        Assert.Equal([AccessAction.GetItem, AccessAction.BatchGetItem, AccessAction.Query, AccessAction.Scan, AccessAction.ConditionCheckItem], AccessActions.Reads);
        Assert.Equal([AccessAction.PutItem, AccessAction.UpdateItem, AccessAction.DeleteItem, AccessAction.BatchWriteItem], AccessActions.Writes);
        Assert.All(AccessActions.All, a => Assert.Equal("dynamodb:" + a, AccessActions.IamName(a)));
    }

    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCall/alice", "arn:aws:sts::*:assumed-role/OnCall/*", true)]
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCallLead/alice", "arn:aws:sts::*:assumed-role/OnCall/*", false)]
    [InlineData("arn:aws:iam::123456789012:role/OnCall", "arn:aws:iam::*:role/OnCall", true)]
    [InlineData("arn:aws:iam::123456789012:role/OnCall", "arn:aws:iam::*:role/oncall", false)]
    [InlineData("arn:aws:iam::123456789012:role/OnCallX", "arn:aws:iam::*:role/OnCall", false)]
    [InlineData("arn:aws:iam::123456789012:role/OnCall1", "arn:aws:iam::*:role/OnCall?", true)]
    [InlineData("arn:aws:iam::123456789012:role/OnCall", "arn:aws:iam::*:role/OnCall?", false)]
    [InlineData("abc", "*", true)]
    [InlineData("", "*", true)]
    [InlineData("", "?", false)]
    [InlineData("aXbXc", "a*b*c", true)]
    [InlineData("abcbd", "a*bd", true)]
    [InlineData("abcbe", "a*bd", false)]
    public void Patterns_follow_IAM_StringLike(string value, string pattern, bool matches)
    {
        Assert.Equal(matches, IamStringLike.Matches(value, pattern));
    }

    private static SegmentCatalog CatalogOf(params SegmentDefinition[] segments) => Catalog with { Segments = segments };
}
