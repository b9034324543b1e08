using Automation.Core.Runbooks;

using static Automation.Core.Tests.Runbooks.RunbookFolders;

namespace Automation.Core.Tests.Runbooks;

/// <summary>
/// Every lint rule, on a small bad folder: the error names the file, the field path, the line and what is wrong.
/// Most cases edit the valid <see cref="RunbookFolders.Orders"/> segment (lines: 1 segment, 5 covers, 7 schema,
/// 11 the ByCustomer index, 12 queries, 13 the template, 16 index, 17 partitionKey, 18 pageSize, 19 pageLimit,
/// 20 readCeiling, 21 parameters, 22 customerId).
/// </summary>
public class RunbookLintTests
{
    private const string File = "segments/orders.yaml";
    private const string GetItem = "operation: GetItem\n    partitionKey: customerId\n    pageSize: 1\n    pageLimit: 1";
    private const string TheQuery = "operation: Query\n    index: ByCustomer\n    partitionKey: customerId\n    pageSize: 100\n    pageLimit: 5";
    private const string Parameters = "    parameters:\n      customerId: {type: string, required: true}";
    private const string CustomerId = "customerId: {type: string, required: true}";

    /// <summary>Edits (find, replace, find, replace ...) of the orders segment, the error they must cause, and how many errors there are in all (0: the edit is valid).</summary>
    public static TheoryData<string[], string, int, string, int> Cases() => new()
    {
        // Unknown fields, wherever they are.
        { ["owner: team-orders", "owner: team-orders\nownr: x"], "ownr", 5, "unknown field; expected one of: segment, version", 1 },
        { ["pageSize: 100", "pageSize: 100\n    pageSise: 100"], "queries[0].pageSise", 19, "unknown field; expected one of: name, description", 1 },
        { [CustomerId, "customerId: {type: string, required: true, requird: true}"], "queries[0].parameters.customerId.requird", 22, "unknown field", 1 },
        { ["table: Orders", "table: Orders\n  prefix: x"], "covers.prefix", 7, "expected one of: table, index, keyPrefix", 1 },
        { ["sortKey: {name: sk, type: S}", "sortKey: {name: sk, type: S, kind: RANGE}"], "schema.sortKey.kind", 9, "expected one of: name, type", 1 },

        // Wrong types.
        { ["pageLimit: 5", "pageLimit: [5]"], "queries[0].pageLimit", 19, "must be a single value", 1 },
        { ["pageLimit: 5", "pageLimit: five"], "queries[0].pageLimit", 19, "must be a whole number (got 'five')", 1 },
        { ["pageSize: 100", "consistentRead: yes\n    pageSize: 100"], "queries[0].consistentRead", 18, "must be true or false (got 'yes')", 1 },
        { ["operation: Query", "operation: query"], "queries[0].operation", 15, "must be one of: Query, GetItem, Scan (got 'query')", 1 },
        // Query templates are read-only: a write operation is refused naming the PITR rule a write grant needs.
        { ["operation: Query", "operation: PutItem"], "queries[0].operation", 15, "'PutItem' writes: query templates are read-only (Query, GetItem or Scan). A write during an incident needs a break-glass grant, which is refused while point-in-time recovery is off on the table (posture rule PointInTimeRecoveryOff)", 1 },
        { ["operation: Query", "operation: DeleteItem"], "queries[0].operation", 15, "'DeleteItem' writes: query templates are read-only", 1 },
        { ["operation: Query", "operation: ExecuteStatement"], "queries[0].operation", 15, "'ExecuteStatement' writes", 1 },
        { [CustomerId, "customerId: {type: text, required: true}"], "queries[0].parameters.customerId.type", 22, "must be one of: string, number, boolean (got 'text')", 2 },
        { ["partitionKey: {name: pk, type: S}", "partitionKey: {name: pk, type: String}"], "schema.partitionKey.type", 8, "must be one of: S, N, B", 1 },
        { ["covers:\n  table: Orders", "covers: Orders"], "covers", 5, "must be a mapping", 1 },

        // Out-of-range values.
        { ["pageSize: 100", "pageSize: 0"], "queries[0].pageSize", 18, "must be between 1 and", 1 },
        { ["version: 1", "version: 0"], "version", 2, "must be between 1 and", 1 },
        { ["pageSize: 100", "pageSize: 1001"], "queries[0].pageSize", 18, "1001 is above queries.maxPageSize of defaults.yaml (1000)", 1 },
        { ["pageLimit: 5", "pageLimit: 101"], "queries[0].pageLimit", 19, "101 is above queries.maxPageLimit of defaults.yaml (100)", 1 },
        { ["readCeiling: 500", "readCeiling: 20000"], "queries[0].readCeiling", 20, "20000 RCU is above queries.maxReadCeiling of defaults.yaml (10000)", 1 },

        // Identity.
        { ["segment: orders", "segment: orderz"], "segment", 1, "must equal the file name: 'orders' (segments/<segment>.yaml), got 'orderz'", 1 },
        { ["description: Orders.\n", ""], "description", 1, "required: what the segment is", 1 },
        { ["owner: team-orders\n", ""], "owner", 1, "required: the team that owns", 1 },
        { ["- name: orders-for-customer", "- name: Orders_For_Customer"], "queries[0].name", 13, "must be lower-case letters, digits and '-'", 1 },

        // The index a template reads must be declared.
        { ["index: ByCustomer", "index: ByStatus"], "queries[0].index", 16, "index 'ByStatus' is not declared in schema.indexes (declared: ByCustomer)", 1 },

        // The partition key is bound to a declared parameter of the key's type.
        { ["    partitionKey: customerId\n", ""], "queries[0].partitionKey", 13, "required: the parameter bound to the partition key 'customerId' (a Query must bind it)", 2 },
        { ["partitionKey: customerId", "partitionKey: customer"], "queries[0].partitionKey", 17, "'customer' is not a declared parameter (declared: customerId)", 2 },
        { [CustomerId, "customerId: {type: number, required: true}"], "queries[0].partitionKey", 17, "parameter 'customerId' is number but the partition key 'customerId' is S: declare it type: string", 1 },

        // GetItem: the table's whole primary key, one item.
        { [TheQuery, GetItem], "queries[0].sortKey", 13, "required: GetItem binds the whole primary key: sortKey: {operator: \"=\", parameter: ...} for sort key 'sk'", 1 },
        { [TheQuery, GetItem + "\n    sortKey: {operator: begins_with, parameter: customerId}"], "queries[0].sortKey.operator", 19, "GetItem binds the whole primary key: the operator must be \"=\"", 1 },
        { [TheQuery, GetItem.Replace("pageSize: 1", "pageSize: 10", StringComparison.Ordinal) + "\n    sortKey: {operator: \"=\", parameter: customerId}"], "queries[0].pageSize", 17, "GetItem reads one item: pageSize must be 1, got 10", 1 },
        { [TheQuery, GetItem + "\n    index: ByCustomer\n    sortKey: {operator: \"=\", parameter: customerId}"], "queries[0].index", 19, "GetItem reads the table only", 1 },
        { [TheQuery, GetItem + "\n    sortKey: {operator: \"=\", parameter: customerId}\n    filter: [{attribute: status, operator: \"=\", parameter: customerId}]"], "queries[0].filter", 20, "GetItem has no filter", 1 },

        // Sort-key conditions fit the read's key schema.
        {
            ["sortKey: {name: createdAt, type: S}}", "}", "partitionKey: customerId", "partitionKey: customerId\n    sortKey: {operator: \">=\", parameter: customerId}"],
            "queries[0].sortKey", 18, "the index 'ByCustomer' has no sort key: remove sortKey", 1
        },
        {
            ["createdAt, type: S}}", "createdAt, type: N}}", "partitionKey: customerId", "partitionKey: customerId\n    sortKey: {operator: begins_with, parameter: since}", CustomerId, CustomerId + "\n      since: {type: number, required: true}"],
            "queries[0].sortKey.operator", 18, "begins_with needs a string sort key; 'createdAt' is N", 2
        },
        {
            ["partitionKey: customerId", "partitionKey: customerId\n    sortKey: {operator: \">=\", parameter: since}", CustomerId, CustomerId + "\n      since: {type: number, required: true}"],
            "queries[0].sortKey.parameter", 18, "parameter 'since' is number but the sort key 'createdAt' is S: declare it type: string", 1
        },
        {
            ["partitionKey: customerId", "partitionKey: customerId\n    sortKey: {operator: BETWEEN, parameter: customerId}"],
            "queries[0].sortKey.parameter", 18, "BETWEEN takes two parameters: parameters: [from, to]", 2
        },
        {
            ["partitionKey: customerId", "partitionKey: customerId\n    sortKey: {operator: contains, parameter: customerId}"],
            "queries[0].sortKey.operator", 18, "must be one of: =, <, <=, >, >=, BETWEEN, begins_with (got 'contains')", 1
        },

        // Filters: never on the read's keys; operators take the parameters they need.
        { ["pageSize: 100", "filter: [{attribute: createdAt, operator: \">=\", parameter: customerId}]\n    pageSize: 100"], "queries[0].filter[0].attribute", 18, "'createdAt' is a key attribute of the index 'ByCustomer': a Query cannot filter on it", 1 },
        { ["pageSize: 100", "filter: [{attribute: status, operator: attribute_exists, parameter: customerId}]\n    pageSize: 100"], "queries[0].filter[0].parameter", 18, "attribute_exists takes no parameter", 1 },
        { ["pageSize: 100", "filter: [{attribute: status, operator: begins_with, parameter: n}]\n    pageSize: 100", CustomerId, CustomerId + "\n      n: {type: number, default: 1}"], "queries[0].filter[0].parameter", 18, "begins_with does not take a number parameter ('n')", 1 },

        // Page limit, page size and read ceiling are required; the ceiling fits at least one page.
        { ["    pageLimit: 5\n", ""], "queries[0].pageLimit", 13, "required: the pages a run reads at most", 1 },
        { ["    readCeiling: 500\n", ""], "queries[0].readCeiling", 13, "required: the read ceiling of one run, in read capacity units (RCU)", 1 },
        { ["    pageSize: 100\n", ""], "queries[0].pageSize", 13, "required: the items per page at most (DynamoDB Limit)", 1 },
        {
            ["readCeiling: 500", "readCeiling: 100"], "queries[0].readCeiling", 20,
            "100 RCU is below the worst case of one page (178 RCU: 100 items of up to 400 KB, at most 1 MB + one item, eventually consistent): the template could never read a full page; raise readCeiling to at least 178 or lower pageSize", 1
        },
        { ["pageSize: 100", "pageSize: 2", "readCeiling: 500", "readCeiling: 99.5"], "queries[0].readCeiling", 20, "below the worst case of one page (100 RCU: 2 items", 1 },
        { [TheQuery, GetItem + "\n    consistentRead: true\n    sortKey: {operator: \"=\", parameter: customerId}", "readCeiling: 500", "readCeiling: 99"], "queries[0].readCeiling", 21, "99 RCU is below the worst case of one page (100 RCU: one item of up to 400 KB, strongly consistent)", 1 },

        // A Scan runs only when declared bounded, and binds no key.
        { ["operation: Query\n    index: ByCustomer\n    partitionKey: customerId\n", "operation: Scan\n", Parameters, ""], "queries[0].scan", 13, "required: a Scan runs only when declared bounded: scan: {bounded: true, segments: N}", 1 },
        { ["operation: Query\n    index: ByCustomer\n    partitionKey: customerId\n", "operation: Scan\n    scan: {bounded: false, segments: 2}\n", Parameters, ""], "queries[0].scan.bounded", 16, "must be true: a Scan runs only when declared bounded", 1 },
        { ["operation: Query\n    index: ByCustomer\n    partitionKey: customerId\n", "operation: Scan\n    scan: {segments: 2}\n", Parameters, ""], "queries[0].scan.bounded", 16, "required: bounded: true", 1 },
        { ["operation: Query\n    index: ByCustomer\n", "operation: Scan\n    scan: {bounded: true, segments: 2}\n"], "queries[0].partitionKey", 17, "a Scan binds no key: remove partitionKey", 2 },
        { ["pageSize: 100", "scan: {bounded: true, segments: 2}\n    pageSize: 100"], "queries[0].scan", 18, "only a Scan declares scan bounds; this template is a Query", 1 },

        // Parameters: used, with a value, valid defaults and patterns.
        { [CustomerId, CustomerId + "\n      unused: {type: string, default: x}"], "queries[0].parameters.unused", 23, "parameter 'unused' is never used: bind it in partitionKey, sortKey or filter, or remove it", 1 },
        { [CustomerId, "customerId: {type: string}"], "queries[0].parameters.customerId", 22, "parameter 'customerId' has no value when a run omits it: set required: true or give a default", 1 },
        { [CustomerId, "customerId: {type: string, required: true, default: customer#1}"], "queries[0].parameters.customerId.default", 22, "a required parameter has no default", 1 },
        { [CustomerId, "customerId: {type: string, pattern: \"customer#[0-9]+\", default: \"cust-1\"}"], "queries[0].parameters.customerId.default", 22, "'cust-1' does not match the parameter's pattern 'customer#[0-9]+'", 2 },
        { [CustomerId, "customerId: {type: string, pattern: \"customer#[0-9]\", default: \"customer#12\"}"], "queries[0].parameters.customerId.default", 22, "does not match the parameter's pattern", 2 },
        { [CustomerId, "customerId: {type: string, allowed: [a, b], default: c}"], "queries[0].parameters.customerId.default", 22, "'c' is not one of the allowed values (a, b)", 2 },
        { [CustomerId, "customerId: {type: string, pattern: \"c[0-9]\", allowed: [c1, d2], default: c1}"], "queries[0].parameters.customerId.allowed[1]", 22, "'d2' does not match the parameter's pattern 'c[0-9]'", 1 },
        { ["pageSize: 100", "filter: [{attribute: active, operator: \"=\", parameter: active}]\n    pageSize: 100", CustomerId, CustomerId + "\n      active: {type: boolean, default: yes}"], "queries[0].parameters.active.default", 24, "must be true or false (got 'yes')", 2 },
        { ["pageSize: 100", "filter: [{attribute: total, operator: \">\", parameter: total}]\n    pageSize: 100", CustomerId, CustomerId + "\n      total: {type: number, default: 12abc}"], "queries[0].parameters.total.default", 24, "must be a number (got '12abc')", 2 },
        { [CustomerId, "customerId: {type: string, required: true, pattern: \"([a-z\"}"], "queries[0].parameters.customerId.pattern", 22, "does not compile as a .NET regular expression", 1 },
        { [CustomerId, "customerId: {type: string, required: true, pattern: \"a)(b\"}"], "queries[0].parameters.customerId.pattern", 22, "does not compile", 1 },
        { [CustomerId, "customer-id: {type: string, required: true}"], "queries[0].parameters.customer-id", 22, "a parameter name must be a letter, then letters, digits or '_'", 2 },

        // Consistent reads are not served by a GSI.
        { ["pageSize: 100", "consistentRead: true\n    pageSize: 100"], "queries[0].consistentRead", 18, "'ByCustomer' is a global secondary index: it serves eventually consistent reads only", 1 },

        // The alarms section: unknown kinds, and numbers out of range, name the field.
        // (The access section's rules: Access/AccessSectionParserTests.cs.)
        { ["owner: team-orders", "owner: team-orders\nalarms:\n  throttles: 10"], "alarms.throttles", 6, "unknown field", 1 },
        { ["owner: team-orders", "owner: team-orders\nalarms:\n  latency: {threshold: -1}"], "alarms.latency.threshold", 6, "must be between", 1 },
        { ["owner: team-orders", "owner: team-orders\nalarms:\n  userErrors: {threshold: 3}"], "alarms.userErrors", 6, "account-level", 1 },

        // Valid variations (no error): a strongly consistent read of a local index, a bounded Scan, typed filters.
        { ["- {name: ByCustomer, kind: global, partitionKey: {name: customerId, type: S}", "- {name: ByCustomer, kind: local, partitionKey: {name: pk, type: S}", "pageSize: 100", "consistentRead: true\n    pageSize: 100"], "(none)", 0, "", 0 },
        { ["operation: Query\n    index: ByCustomer\n    partitionKey: customerId\n", "operation: Scan\n    scan: {bounded: true, segments: 4}\n", Parameters, ""], "(none)", 0, "", 0 },
        {
            ["pageSize: 100", "filter:\n      - {attribute: total, operator: BETWEEN, parameters: [low, high]}\n      - {attribute: gift, operator: \"<>\", parameter: gift}\n      - {attribute: note, operator: attribute_not_exists}\n    pageSize: 100",
             CustomerId, CustomerId + "\n      low: {type: number, default: \"-1.5\"}\n      high: {type: number, default: 1e3}\n      gift: {type: boolean, default: true}"],
            "(none)", 0, "", 0
        },

        // Schema. (A number key bound to a number parameter is fine.)
        { ["partitionKey: {name: customerId, type: S}, sortKey", "partitionKey: {name: customerId, type: N}, sortKey", CustomerId, "customerId: {type: number, required: true}"], "(none)", 0, "", 0 },
        { ["- {name: ByCustomer, kind: global", "- {name: ByCustomer, kind: local"], "schema.indexes[0].partitionKey", 11, "a local secondary index shares the table's partition key (pk (S)), got customerId (S)", 1 },
        { ["sortKey: {name: sk, type: S}", "sortKey: {name: createdAt, type: N}"], "schema.indexes[0]", 11, "key attribute 'createdAt' is S here but N in the table: an attribute has one type", 1 },
        { ["sortKey: {name: sk, type: S}", "sortKey: {name: pk, type: S}"], "schema.sortKey.name", 9, "the sort key must differ from the partition key ('pk')", 1 },
        { ["covers:\n  table: Orders", "covers:\n  table: Orders\n  index: ByStatus"], "covers.index", 7, "index 'ByStatus' is not declared in schema.indexes (declared: ByCustomer)", 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachRuleNamesTheFileFieldAndLine(string[] edits, string path, int line, string message, int count)
    {
        string text = Orders;
        for (int i = 0; i < edits.Length; i += 2)
        {
            text = Replace(text, edits[i], edits[i + 1]);
        }

        RunbookLintResult result = Lint(("orders", text));

        string all = string.Join("\n", result.Errors);
        Assert.True(count == result.Errors.Count, $"expected {count} error(s), got:\n{all}");
        if (count > 0)
        {
            Assert.True(
                result.Errors.Any(e => e.File == File && e.Path == path && e.Line == line && e.Message.Contains(message, StringComparison.Ordinal)),
                $"expected {File}:{line}: {path}: ...{message}..., got:\n{all}");
            Assert.All(result.Errors, e => Assert.Equal(File, e.File));
        }
    }
}
