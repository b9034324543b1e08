namespace Automation.Core.Queries;

/// <summary>The DynamoDB read a template performs.</summary>
public enum QueryOperation
{
    /// <summary>Query on the table or an index: partition key bound to a parameter, optional sort-key condition.</summary>
    Query,

    /// <summary>GetItem on the table: the full primary key bound to parameters. One item, one page.</summary>
    GetItem,

    /// <summary>Scan: only when the template declares it bounded (segment count, page limit, read ceiling).</summary>
    Scan,
}

/// <summary>A template parameter's type. Values reach DynamoDB only through <c>ExpressionAttributeValues</c>.</summary>
public enum ParameterType
{
    /// <summary>A string (DynamoDB S); YAML <c>string</c>.</summary>
    Text,

    /// <summary>A number (DynamoDB N), decimal text; YAML <c>number</c>.</summary>
    Number,

    /// <summary>true or false (DynamoDB BOOL; filters only); YAML <c>boolean</c>.</summary>
    Flag,
}

/// <summary>Comparison operators of key conditions and filters (YAML: <c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>BETWEEN</c>, <c>begins_with</c>, <c>contains</c>, <c>attribute_exists</c>, <c>attribute_not_exists</c>).</summary>
public enum ConditionOperator
{
    /// <summary><c>=</c>.</summary>
    Equal,

    /// <summary><c>&lt;&gt;</c> (filters only).</summary>
    NotEqual,

    /// <summary><c>&lt;</c>.</summary>
    LessThan,

    /// <summary><c>&lt;=</c>.</summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    GreaterThan,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterThanOrEqual,

    /// <summary><c>BETWEEN</c>: two parameters, inclusive.</summary>
    Between,

    /// <summary><c>begins_with</c> (strings).</summary>
    BeginsWith,

    /// <summary><c>contains</c> (filters only).</summary>
    Contains,

    /// <summary><c>attribute_exists</c>: no parameter (filters only).</summary>
    AttributeExists,

    /// <summary><c>attribute_not_exists</c>: no parameter (filters only).</summary>
    AttributeNotExists,
}

/// <summary>
/// A typed template parameter.
/// </summary>
/// <param name="Name">Parameter name (letters, digits, underscore), as the run's input spells it.</param>
/// <param name="Type">Its type.</param>
/// <param name="Required">Must the run give it (when there is no default)?</param>
/// <param name="Default">Value used when the run omits it (text form), or null.</param>
/// <param name="Pattern">Regular expression the whole value must match (strings), or null.</param>
/// <param name="Allowed">The only values allowed (text form), or empty.</param>
/// <param name="Description">What it is, for the operator.</param>
public sealed record QueryParameter(
    string Name,
    ParameterType Type,
    bool Required,
    string? Default,
    string? Pattern,
    IReadOnlyList<string> Allowed,
    string Description);

/// <summary>A sort-key condition: <c>sk &lt;op&gt; :parameter</c> (two parameters for BETWEEN).</summary>
public sealed record SortKeyCondition(ConditionOperator Operator, string Parameter, string? SecondParameter);

/// <summary>
/// One filter condition on a non-key attribute (conditions are ANDed). Filters are applied after the read: they shrink
/// the result, never the consumed capacity.
/// </summary>
public sealed record FilterCondition(string Attribute, ConditionOperator Operator, string? Parameter, string? SecondParameter);

/// <summary>A Scan's declared bounds besides page limit and read ceiling: how many segments it walks (sequentially).</summary>
public sealed record ScanBounds(int TotalSegments);

/// <summary>
/// A pre-approved, cost-bounded read: a typed query specification, never query text.
/// </summary>
/// <param name="Name">Unique across all segments (runs name it).</param>
/// <param name="Description">What it answers, for the operator.</param>
/// <param name="Owner">Who maintains it.</param>
/// <param name="Segment">The segment whose file declares it (its table, prefix, masking and schema apply).</param>
/// <param name="Operation">Query, GetItem or (declared bounded) Scan.</param>
/// <param name="Index">The index it reads (declared in the segment's schema), or null for the table.</param>
/// <param name="PartitionKeyParameter">The parameter bound to the partition key (Query, GetItem); null for Scan.</param>
/// <param name="SortKey">Condition on the sort key, or null (GetItem on a table with a sort key: <c>=</c>, required).</param>
/// <param name="Filter">Filter conditions (ANDed); do not reduce cost.</param>
/// <param name="Projection">Attributes returned (empty: all). Key attributes are always returned.</param>
/// <param name="ConsistentRead">Strongly consistent reads (twice the cost; not on a GSI).</param>
/// <param name="PageSize">Items per page at most (DynamoDB Limit).</param>
/// <param name="PageLimit">Pages at most per run (Scan: across all its segments).</param>
/// <param name="ReadCeiling">Declared read ceiling of one run, in read capacity units: the run never consumes more.</param>
/// <param name="Scan">Scan bounds (Scan only).</param>
/// <param name="Parameters">Its typed parameters.</param>
public sealed record QueryTemplate(
    string Name,
    string Description,
    string Owner,
    string Segment,
    QueryOperation Operation,
    string? Index,
    string? PartitionKeyParameter,
    SortKeyCondition? SortKey,
    IReadOnlyList<FilterCondition> Filter,
    IReadOnlyList<string> Projection,
    bool ConsistentRead,
    int PageSize,
    int PageLimit,
    double ReadCeiling,
    ScanBounds? Scan,
    IReadOnlyList<QueryParameter> Parameters);
