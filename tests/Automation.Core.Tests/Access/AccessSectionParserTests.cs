using Automation.Core.Access;
using Automation.Core.Runbooks;
using Automation.Core.Segments;

using static Automation.Core.Tests.Runbooks.RunbookFolders;

namespace Automation.Core.Tests.Access;

/// <summary>The segment files' <c>access</c> section: what it parses to, every invalid field (file, path, line), inheritance.</summary>
public class AccessSectionParserTests
{
    private const string File = "segments/orders.yaml";

    /// <summary>A full section, appended after the orders segment's owner (line 5 is "access:", 6 requesters, 7..8 its items, 9 approvers, 10 actions ...).</summary>
    private const string Section = """
        access:
          requesters:
            - "arn:aws:iam::*:role/OnCall"
            - "arn:aws:sts::*:assumed-role/OnCall/*"
          approvers: ["arn:aws:sts::*:assumed-role/OnCallLead/*"]
          actions: [GetItem, Query, PutItem]
          maxDurationMinutes: 60
          requireTicket: false
          approvalTimeoutMinutes: 15
          writeApprovers: 2
          emergency: any
          maxExtensions: 0
        """;

    private static string OrdersWithAccess(string section = Section) => OrdersWith("owner: team-orders\n", "owner: team-orders\n" + section + "\n");

    [Fact]
    public void A_full_section_parses_to_the_scope()
    {
        SegmentDefinition orders = Parse(("orders", OrdersWithAccess())).Segments.Single();

        Assert.Equivalent(
            new AccessScope(
                ["arn:aws:iam::*:role/OnCall", "arn:aws:sts::*:assumed-role/OnCall/*"], ["arn:aws:sts::*:assumed-role/OnCallLead/*"],
                [AccessAction.GetItem, AccessAction.Query, AccessAction.PutItem], 60, false, 15, 2, EmergencyPolicy.Any, 0),
            orders.Access, strict: true);
    }

    [Fact]
    public void Left_out_fields_take_their_defaults_and_approvers_default_to_the_requesters()
    {
        AccessScope scope = Parse(("orders", OrdersWithAccess("access:\n  requesters: [\"arn:aws:iam::*:user/alice\"]\n  actions: [Query]\n  maxDurationMinutes: 5"))).Segments.Single().Access!;

        Assert.Equal(["arn:aws:iam::*:user/alice"], scope.Approvers);
        Assert.Equal((true, 30, 1, EmergencyPolicy.ReadOnly, 2), (scope.RequireTicket, scope.ApprovalTimeoutMinutes, scope.WriteApprovers, scope.Emergency, scope.MaxExtensions));
    }

    [Fact]
    public void A_segment_without_the_section_has_no_access()
    {
        Assert.Null(Parse(("orders", Orders)).Segments.Single().Access);
        Assert.Null(Parse(("orders", OrdersWithAccess("access:"))).Segments.Single().Access);
    }

    /// <summary>Edits of <see cref="Section"/> (find, replace), the error's path, line and message.</summary>
    public static TheoryData<string, string, string, int, string> Invalid() => new()
    {
        { "  maxExtensions: 0", "  maxExtensions: 0\n  grants: [x]", "access.grants", 17, "unknown field; expected one of: requesters, approvers, actions, maxDurationMinutes" },
        { "  requesters:\n    - \"arn:aws:iam::*:role/OnCall\"\n    - \"arn:aws:sts::*:assumed-role/OnCall/*\"\n", "", "access.requesters", 6, "required: IAM ARN patterns" },
        { "    - \"arn:aws:iam::*:role/OnCall\"\n", "    - \"OnCall\"\n", "access.requesters[0]", 7, "'OnCall' is not an IAM ARN pattern of users, roles or sessions" },
        { "    - \"arn:aws:iam::*:role/OnCall\"\n", "    - \"arn:aws:iam::*:assumed-role/OnCall/*\"\n", "access.requesters[0]", 7, "is not an IAM ARN pattern" },
        { "    - \"arn:aws:iam::*:role/OnCall\"\n", "    - \"arn:aws:iam::*:group/OnCall\"\n", "access.requesters[0]", 7, "is not an IAM ARN pattern" },
        { "    - \"arn:aws:iam::*:role/OnCall\"\n", "    - \"arn:*\"\n", "access.requesters[0]", 7, "is not an IAM ARN pattern" },
        { "    - \"arn:aws:iam::*:role/OnCall\"\n", "    - \"arn:aws:iam::*:role/*\"\n", "access.requesters[0]", 7, "'arn:aws:iam::*:role/*' matches every role: name the user or role" },
        { "    - \"arn:aws:sts::*:assumed-role/OnCall/*\"\n", "    - \"arn:aws:sts::*:assumed-role/*/*\"\n", "access.requesters[1]", 8, "matches every assumed-role" },
        { "    - \"arn:aws:sts::*:assumed-role/OnCall/*\"\n", "    - \"arn:aws:iam::*:role/OnCall\"\n", "access.requesters[1]", 8, "'arn:aws:iam::*:role/OnCall' is listed twice" },
        { "  requesters:\n    - \"arn:aws:iam::*:role/OnCall\"\n    - \"arn:aws:sts::*:assumed-role/OnCall/*\"\n", "  requesters: []\n", "access.requesters", 6, "must list at least one IAM ARN pattern" },
        { "  requesters:\n    - \"arn:aws:iam::*:role/OnCall\"\n    - \"arn:aws:sts::*:assumed-role/OnCall/*\"\n", "  requesters: arn:aws:iam::*:role/OnCall\n", "access.requesters", 6, "must be a list of IAM ARN patterns" },
        { "approvers: [\"arn:aws:sts::*:assumed-role/OnCallLead/*\"]", "approvers: [\"*\"]", "access.approvers[0]", 9, "'*' is not an IAM ARN pattern" },
        { "approvers: [\"arn:aws:sts::*:assumed-role/OnCallLead/*\"]", "approvers: []", "access.approvers", 9, "must list at least one" },
        { "  actions: [GetItem, Query, PutItem]\n", "", "access.actions", 6, "required: the data actions a grant may hold: a list of GetItem, BatchGetItem, Query, Scan, ConditionCheckItem, PutItem, UpdateItem, DeleteItem, BatchWriteItem" },
        { "actions: [GetItem, Query, PutItem]", "actions: [GetItem, DeleteTable]", "access.actions[1]", 10, "'DeleteTable' is not a DynamoDB data action break-glass grants" },
        { "actions: [GetItem, Query, PutItem]", "actions: [GetItem, \"dynamodb:Query\"]", "access.actions[1]", 10, "'dynamodb:Query': name the action without the 'dynamodb:' prefix" },
        { "actions: [GetItem, Query, PutItem]", "actions: [GetItem, getitem]", "access.actions[1]", 10, "'getitem' is not a DynamoDB data action" },
        { "actions: [GetItem, Query, PutItem]", "actions: [\"*\"]", "access.actions[0]", 10, "'*' is not a DynamoDB data action" },
        { "actions: [GetItem, Query, PutItem]", "actions: [PartiQLSelect]", "access.actions[0]", 10, "is not a DynamoDB data action" },
        { "actions: [GetItem, Query, PutItem]", "actions: [Query, Query]", "access.actions[1]", 10, "'Query' is listed twice" },
        { "actions: [GetItem, Query, PutItem]", "actions: []", "access.actions", 10, "must list at least one action" },
        { "  maxDurationMinutes: 60\n", "", "access.maxDurationMinutes", 6, "required: the longest grant, in minutes (5..720)" },
        { "maxDurationMinutes: 60", "maxDurationMinutes: 4", "access.maxDurationMinutes", 11, "must be between 5 and 720 (got 4)" },
        { "maxDurationMinutes: 60", "maxDurationMinutes: 721", "access.maxDurationMinutes", 11, "must be between 5 and 720 (got 721)" },
        { "maxDurationMinutes: 60", "maxDurationMinutes: an hour", "access.maxDurationMinutes", 11, "must be a whole number" },
        { "requireTicket: false", "requireTicket: no", "access.requireTicket", 12, "must be true or false (got 'no')" },
        { "approvalTimeoutMinutes: 15", "approvalTimeoutMinutes: 0", "access.approvalTimeoutMinutes", 13, "must be between 1 and 1440 (got 0)" },
        { "approvalTimeoutMinutes: 15", "approvalTimeoutMinutes: 1441", "access.approvalTimeoutMinutes", 13, "must be between 1 and 1440 (got 1441)" },
        { "writeApprovers: 2", "writeApprovers: 3", "access.writeApprovers", 14, "must be between 1 and 2 (got 3)" },
        { "writeApprovers: 2", "writeApprovers: 0", "access.writeApprovers", 14, "must be between 1 and 2 (got 0)" },
        { "emergency: any", "emergency: readonly", "access.emergency", 15, "must be one of: never, readOnly, any (got 'readonly')" },
        { "maxExtensions: 0", "maxExtensions: 11", "access.maxExtensions", 16, "must be between 0 and 10 (got 11)" },
        { "maxExtensions: 0", "maxExtensions: -1", "access.maxExtensions", 16, "must be between 0 and 10 (got -1)" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_field_names_the_file_field_and_line(string find, string replace, string path, int line, string message)
    {
        RunbookLintResult result = Lint(("orders", OrdersWithAccess(Replace(Section, find, replace))));

        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal((File, path, line), (error.File, error.Path, error.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_section_is_not_a_section_that_grants_nothing()
    {
        RunbookLintResult result = Lint(("orders", OrdersWithAccess("access: {}")));

        Assert.Equal(["access.requesters", "access.actions", "access.maxDurationMinutes"], result.Errors.Select(e => e.Path));
        Assert.Equal(["must be a mapping"], Lint(("orders", OrdersWithAccess("access: [x]"))).Errors.Select(e => e.Message[..17]));
    }

    [Fact]
    public void An_index_segment_lists_reads_of_its_index_and_a_key_prefix_segment_no_Scan()
    {
        string access = "\naccess: {requesters: [\"arn:aws:iam::*:role/OnCall\"], actions: [Query, Scan, GetItem], maxDurationMinutes: 60}\n";
        ConfigError index = Assert.Single(Lint(("status", Segment("status", "{table: Orders, index: ByStatus}", access))).Errors);
        Assert.Equal(("access.actions[2]", "this segment covers index 'ByStatus': only Query and Scan read an index (GetItem acts on the table)"), (index.Path, index.Message));

        ConfigError prefix = Assert.Single(Lint(("acme", Segment("acme", "{table: Orders, keyPrefix: \"tenant#acme\"}", access))).Errors);
        Assert.Equal(("access.actions[1]", "a key-prefix segment cannot grant Scan: a Scan carries no partition key and would read every key"), (prefix.Path, prefix.Message));
    }

    [Fact]
    public void Index_and_key_prefix_segments_without_a_section_inherit_it_whole()
    {
        string tableAccess = "\naccess: {requesters: [\"arn:aws:iam::*:role/OnCall\"], actions: [Query], maxDurationMinutes: 60}\n";
        string indexAccess = "\naccess: {requesters: [\"arn:aws:iam::*:role/IndexTeam\"], actions: [Query], maxDurationMinutes: 30}\n";
        string ownAccess = "\naccess: {requesters: [\"arn:aws:iam::*:role/Acme\"], actions: [GetItem], maxDurationMinutes: 10, emergency: never}\n";
        SegmentCatalog catalog = Parse(
            ("orders", Segment("orders", "{table: Orders}", tableAccess)),
            ("status", Segment("status", "{table: Orders, index: ByStatus}")),
            ("status-pending", Segment("status-pending", "{table: Orders, index: ByStatus, keyPrefix: PENDING}")),
            ("acme", Segment("acme", "{table: Orders, keyPrefix: \"tenant#acme\"}")),
            ("acme-own", Segment("acme-own", "{table: Orders, keyPrefix: \"tenant#acme-own\"}", ownAccess)),
            ("customer", Segment("customer", "{table: Orders, index: ByCustomer}", indexAccess, "[{name: ByCustomer, partitionKey: {name: customerId, type: S}}, {name: ByStatus, partitionKey: {name: status, type: S}, sortKey: {name: createdAt, type: S}}]")),
            ("customer-vip", Segment("customer-vip", "{table: Orders, index: ByCustomer, keyPrefix: vip}", "", "[{name: ByCustomer, partitionKey: {name: customerId, type: S}}, {name: ByStatus, partitionKey: {name: status, type: S}, sortKey: {name: createdAt, type: S}}]")),
            ("sessions", Segment("sessions", "{table: Sessions}")));
        AccessScope? Of(string name) => catalog.Segments.Single(s => s.Name == name).Access;

        Assert.Equal(["arn:aws:iam::*:role/OnCall"], Of("orders")!.Requesters);
        Assert.Same(Of("orders"), Of("status"));
        Assert.Same(Of("orders"), Of("status-pending"));   // the index segment has none: the table's
        Assert.Same(Of("orders"), Of("acme"));
        Assert.Equal(["arn:aws:iam::*:role/Acme"], Of("acme-own")!.Requesters);
        Assert.Equal(EmergencyPolicy.Never, Of("acme-own")!.Emergency);
        Assert.Equal(["arn:aws:iam::*:role/IndexTeam"], Of("customer")!.Requesters);
        Assert.Same(Of("customer"), Of("customer-vip"));   // a prefix of an index: its index segment's
        Assert.Null(Of("sessions"));
    }

    [Fact]
    public void The_repository_segments_have_the_sample_access()
    {
        SegmentCatalog catalog = RunbookCatalogParser.Parse(Repository());
        AccessScope orders = catalog.Segments.Single(s => s.Name == "orders").Access!;

        Assert.Equal(["arn:aws:iam::*:role/OnCall", "arn:aws:sts::*:assumed-role/OnCall/*"], orders.Requesters);
        Assert.Equal(["arn:aws:sts::*:assumed-role/OnCallLead/*"], orders.Approvers);
        Assert.Contains(AccessAction.PutItem, orders.Actions);
        Assert.Contains(AccessAction.UpdateItem, orders.Actions);
        Assert.DoesNotContain(AccessAction.DeleteItem, orders.Actions);
        Assert.Equal((60, 2, EmergencyPolicy.ReadOnly), (orders.MaxDurationMinutes, orders.WriteApprovers, orders.Emergency));
        Assert.Same(orders, catalog.Segments.Single(s => s.Name == "orders-by-status").Access);
        Assert.Same(orders, catalog.Segments.Single(s => s.Name == "orders-tenant-acme").Access);
        AccessScope sessions = catalog.Segments.Single(s => s.Name == "sessions-dry-run").Access!;
        Assert.All(sessions.Actions, a => Assert.False(AccessActions.IsWrite(a)));
    }
}
