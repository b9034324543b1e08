using Automation.Core.Access;
using Automation.Core.Guardrails;
using Automation.Core.Queries;
using Automation.Core.Segments;

namespace Automation.Core.Tests.Access;

/// <summary>
/// A sample catalog for the break-glass tests: the Orders table (pk/sk, GSI ByCustomer customerId/createdAt, GSI ByStatus
/// status/createdAt, LSI ByTotal pk/total) with a table segment (reads + PutItem/UpdateItem, 60 minutes, two write
/// approvers), an index segment on ByStatus, a key-prefix segment tenant#acme and one without access.
/// </summary>
internal static class AccessSamples
{
    public const string Requester = "arn:aws:sts::123456789012:assumed-role/OnCall/alice";
    public const string Lead = "arn:aws:sts::123456789012:assumed-role/OnCallLead/bob";
    public const string Account = "123456789012";
    public const string RolePath = "/break-glass/";
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 13, 0, TimeSpan.Zero);

    public static readonly TableSchema Schema = new(
        new KeySchema(new KeyElement("pk", KeyAttributeType.S), new KeyElement("sk", KeyAttributeType.S)),
        [
            new IndexSchema("ByCustomer", IndexKind.Global, new KeySchema(new KeyElement("customerId", KeyAttributeType.S), new KeyElement("createdAt", KeyAttributeType.S))),
            new IndexSchema("ByStatus", IndexKind.Global, new KeySchema(new KeyElement("status", KeyAttributeType.S), new KeyElement("createdAt", KeyAttributeType.S))),
            new IndexSchema("ByTotal", IndexKind.Local, new KeySchema(new KeyElement("pk", KeyAttributeType.S), new KeyElement("total", KeyAttributeType.N))),
        ]);

    public static readonly AccessScope Scope = new(
        Requesters: ["arn:aws:iam::*:role/OnCall", "arn:aws:sts::*:assumed-role/OnCall/*"],
        Approvers: ["arn:aws:sts::*:assumed-role/OnCallLead/*"],
        Actions: [AccessAction.GetItem, AccessAction.BatchGetItem, AccessAction.Query, AccessAction.Scan, AccessAction.ConditionCheckItem, AccessAction.PutItem, AccessAction.UpdateItem],
        MaxDurationMinutes: 60,
        RequireTicket: true,
        ApprovalTimeoutMinutes: 30,
        WriteApprovers: 2,
        Emergency: EmergencyPolicy.ReadOnly,
        MaxExtensions: 2);

    public static SegmentDefinition Segment(string name, SegmentScope covers, AccessScope? access) => new(
        name, 1, name, "team-orders", $"segments/{name}.yaml", covers, Schema, AttributeClasses.None, GuardrailSettings.Default, [], access);

    public static readonly SegmentDefinition Orders = Segment("orders", new SegmentScope("Orders", null, null), Scope);

    public static readonly SegmentDefinition ByStatus = Segment("orders-by-status", new SegmentScope("Orders", "ByStatus", null), Scope);

    public static readonly SegmentDefinition Acme = Segment("orders-tenant-acme", new SegmentScope("Orders", null, "tenant#acme"), Scope);

    public static readonly SegmentDefinition Closed = Segment("closed", new SegmentScope("Closed", null, null), null);

    public static readonly SegmentCatalog Catalog = new(1, GuardrailPolicy.BuiltIn, QueryLimits.Default, [Orders, ByStatus, Acme, Closed]);

    /// <summary>A request that passes every rule: GetItem and Query of customer#4711 on Orders and ByCustomer, three attributes.</summary>
    public static readonly AccessRequest Valid = new(
        Requester: Requester,
        Segment: "orders",
        Indexes: ["ByCustomer"],
        Actions: ["dynamodb:GetItem", "Query"],
        LeadingKeys: ["customer#4711"],
        LeadingKeyPrefixes: [],
        Attributes: ["status", "total"],
        DurationMinutes: 30,
        Reason: "stuck orders of customer 4711",
        IncidentId: "inc-1",
        Ticket: null,
        Emergency: false);

    public static AccessGrant Grant(AccessRequest request, SegmentDefinition? segment = null) =>
        AccessPolicySynthesizer.Synthesize("req-1", request, segment ?? Orders, "aws", "us-east-1", Account, RolePath, Now);
}
