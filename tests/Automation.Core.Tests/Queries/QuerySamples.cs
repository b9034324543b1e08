using System.Text.Json.Nodes;
using Automation.Core.Errors;
using Automation.Core.Guardrails;
using Automation.Core.Queries;
using Automation.Core.Segments;

namespace Automation.Core.Tests.Queries;

/// <summary>
/// A sample catalog: the Orders table (pk/sk strings, GSI ByStatus, LSI ByTotal on a number) with a table segment
/// holding one template of each kind, and a key-prefix segment for tenant#acme.
/// </summary>
internal static class QuerySamples
{
    public static readonly KeySchema TableKeys = new(new KeyElement("pk", KeyAttributeType.S), new KeyElement("sk", KeyAttributeType.S));

    public static readonly TableSchema Schema = new(
        TableKeys,
        [
            new IndexSchema("ByStatus", IndexKind.Global, new KeySchema(new KeyElement("status", KeyAttributeType.S), new KeyElement("createdAt", KeyAttributeType.S))),
            new IndexSchema("ByTotal", IndexKind.Local, new KeySchema(new KeyElement("pk", KeyAttributeType.S), new KeyElement("total", KeyAttributeType.N))),
        ]);

    public static QueryParameter Text(string name, bool required = false, string? @default = null, string? pattern = null, params string[] allowed) =>
        new(name, ParameterType.Text, required, @default, pattern, allowed, $"the {name}");

    public static QueryParameter Number(string name, bool required = false, string? @default = null) =>
        new(name, ParameterType.Number, required, @default, null, [], $"the {name}");

    public static QueryParameter Flag(string name, bool required = false) =>
        new(name, ParameterType.Flag, required, null, null, [], $"the {name}");

    /// <summary>Query on the table: pk = customer, begins_with(sk, since), optional status filter, projection.</summary>
    public static readonly QueryTemplate OrdersForCustomer = new(
        Name: "orders-for-customer",
        Description: "A customer's orders",
        Owner: "team-orders",
        Segment: "orders",
        Operation: QueryOperation.Query,
        Index: null,
        PartitionKeyParameter: "customer",
        SortKey: new SortKeyCondition(ConditionOperator.BeginsWith, "since", null),
        Filter: [new FilterCondition("status", ConditionOperator.Equal, "status", null)],
        Projection: ["status", "total"],
        ConsistentRead: false,
        PageSize: 100,
        PageLimit: 5,
        ReadCeiling: 500,
        Scan: null,
        Parameters:
        [
            Text("customer", required: true, pattern: "customer#[0-9]+"),
            Text("since", @default: "order#"),
            Text("status", allowed: ["PENDING", "SHIPPED"]),
        ]);

    /// <summary>GetItem: pk = customer, sk = order.</summary>
    public static readonly QueryTemplate OrderById = new(
        "order-by-id", "One order", "team-orders", "orders", QueryOperation.GetItem, null, "customer",
        new SortKeyCondition(ConditionOperator.Equal, "order", null), [], [], true, 1, 1, 100, null,
        [Text("customer", required: true), Text("order", required: true)]);

    /// <summary>Query on the GSI (asks for consistent reads: forced off), optional BETWEEN on createdAt.</summary>
    public static readonly QueryTemplate OrdersByStatus = new(
        "orders-by-status", "Orders in a status", "team-orders", "orders", QueryOperation.Query, "ByStatus", "status",
        new SortKeyCondition(ConditionOperator.Between, "from", "to"), [], [], true, 50, 3, 300, null,
        [Text("status", required: true, allowed: ["PENDING", "SHIPPED", "STUCK"]), Text("from"), Text("to")]);

    /// <summary>Query on the LSI with a number sort key, and a filter on the sensitive email.</summary>
    public static readonly QueryTemplate BigOrders = new(
        "big-orders", "A customer's big orders", "team-orders", "orders", QueryOperation.Query, "ByTotal", "customer",
        new SortKeyCondition(ConditionOperator.GreaterThanOrEqual, "minTotal", null),
        [new FilterCondition("email", ConditionOperator.Equal, "email", null), new FilterCondition("gift", ConditionOperator.Equal, "gift", null)],
        [], true, 25, 2, 400, null,
        [Text("customer", required: true), Number("minTotal", @default: "100"), Text("email"), Flag("gift")]);

    /// <summary>A bounded Scan in two segments with a number filter.</summary>
    public static readonly QueryTemplate StuckScan = new(
        "stuck-orders-scan", "Every stuck order", "team-orders", "orders", QueryOperation.Scan, null, null, null,
        [new FilterCondition("status", ConditionOperator.Equal, "status", null), new FilterCondition("total", ConditionOperator.GreaterThan, "minTotal", null)],
        [], false, 200, 4, 1000, new ScanBounds(2),
        [Text("status", @default: "STUCK"), Number("minTotal")]);

    /// <summary>Query on the key-prefix segment.</summary>
    public static readonly QueryTemplate AcmeOrders = new(
        "acme-orders", "An acme customer's orders", "team-acme", "acme", QueryOperation.Query, null, "tenantCustomer",
        null, [], [], false, 100, 2, 200, null,
        [Text("tenantCustomer", required: true)]);

    /// <summary>A Scan on the key-prefix segment: the prefix becomes a filter.</summary>
    public static readonly QueryTemplate AcmeScan = new(
        "acme-scan", "Every acme order", "team-acme", "acme", QueryOperation.Scan, null, null,
        null, [], [], false, 100, 2, 200, new ScanBounds(1), []);

    public static readonly AttributeClasses Sensitive = new(["email", "phone"]);

    public static SegmentDefinition Orders(params QueryTemplate[] queries) => new(
        "orders", 3, "Order book", "team-orders", "segments/orders.yaml",
        new SegmentScope("Orders", null, null), Schema, Sensitive, GuardrailSettings.Default,
        queries.Length == 0 ? [OrdersForCustomer, OrderById, OrdersByStatus, BigOrders, StuckScan] : queries,
        Access: null);

    public static SegmentDefinition Acme(string prefix = "tenant#acme", params QueryTemplate[] queries) => new(
        "acme", 1, "Acme's orders", "team-acme", "segments/acme.yaml",
        new SegmentScope("Orders", null, prefix), Schema, new AttributeClasses(["email"]), GuardrailSettings.Default,
        queries.Length == 0 ? [AcmeOrders, AcmeScan] : queries,
        Access: null);

    public static SegmentCatalog Catalog() =>
        new(1, GuardrailPolicy.BuiltIn, QueryLimits.Default, [Orders(), Acme()]);

    /// <summary>An InvalidInput error naming <paramref name="field"/>, in its field and its message, with each of <paramref name="says"/>.</summary>
    public static void AssertInvalidInput(AutomationException error, string field, params string[] says)
    {
        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        foreach (string part in says)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    public static Dictionary<string, string?> Args(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    /// <summary>An item in DynamoDB JSON with string attributes.</summary>
    public static JsonObject Item(params (string Name, string Value)[] attributes)
    {
        var item = new JsonObject();
        foreach ((string name, string value) in attributes)
        {
            item[name] = new JsonObject { ["S"] = value };
        }

        return item;
    }
}
