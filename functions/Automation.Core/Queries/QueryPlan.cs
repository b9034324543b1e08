using System.Text.Json.Serialization;
using Automation.Core.Segments;

namespace Automation.Core.Queries;

/// <summary>
/// A value that reaches DynamoDB only through <c>ExpressionAttributeValues</c> (or a GetItem key): its type and text.
/// </summary>
/// <param name="Type">Text → S, Number → N, Flag → BOOL.</param>
/// <param name="Text">The value as text (numbers as given, flags <c>true</c>/<c>false</c>).</param>
/// <param name="Sensitive">Bound to a sensitive attribute: shown as <see cref="QueryPlanner.Masked"/> in every view (explain, audit, logs).</param>
public sealed record QueryValue(ParameterType Type, string Text, bool Sensitive = false)
{
    /// <summary>DynamoDB's type key of the value: <c>S</c>, <c>N</c> or <c>BOOL</c>.</summary>
    [JsonIgnore]
    public string DynamoType => Type switch
    {
        ParameterType.Number => "N",
        ParameterType.Flag => "BOOL",
        _ => "S",
    };

    /// <summary>The text, or <see cref="QueryPlanner.Masked"/> when sensitive: what operators, logs and audits see.</summary>
    [JsonIgnore]
    public string Shown => Sensitive ? QueryPlanner.Masked : Text;
}

/// <summary>
/// A template bound to a run's parameters: the exact DynamoDB request(s) the runner sends (expressions with
/// placeholders only, values typed apart), the budget it runs under and the masked view of its parameters. Pure
/// data: <see cref="QueryPlanner"/> builds it, <see cref="QueryRunner"/> runs it, <see cref="QueryExplanation"/>
/// shows it; it travels between workflow steps as JSON (<see cref="CoreJsonContext"/>).
/// </summary>
/// <param name="TemplateName">The template.</param>
/// <param name="TemplateHash">SHA-256 (lower-case hex) of the template's canonical JSON: which version of the template ran.</param>
/// <param name="Segment">The segment that declares the template.</param>
/// <param name="SegmentVersion">The segment file's version.</param>
/// <param name="SegmentSource">The segment file, relative to the runbooks folder.</param>
/// <param name="Table">The table read.</param>
/// <param name="Index">The index read, or null for the table.</param>
/// <param name="Operation">Query, GetItem or Scan.</param>
/// <param name="KeyConditionExpression">Query only, e.g. <c>#k0 = :v0 AND begins_with(#k1, :v1)</c>.</param>
/// <param name="FilterExpression">Query and Scan, or null. Filters shrink the result, never the cost.</param>
/// <param name="ProjectionExpression">The attributes returned (keys always included), or null for all.</param>
/// <param name="ExpressionAttributeNames">Placeholder (<c>#k0</c>) → attribute name.</param>
/// <param name="ExpressionAttributeValues">Placeholder (<c>:v0</c>) → typed value.</param>
/// <param name="Key">GetItem only: attribute name → typed value of the full primary key.</param>
/// <param name="ConsistentRead">Strongly consistent reads (always false on a GSI).</param>
/// <param name="PageSize">Items per page at most (the runner may ask for fewer to stay within the ceiling).</param>
/// <param name="PageLimit">Pages at most per run (GetItem: 1).</param>
/// <param name="ReadCeiling">Read units the run may consume at most.</param>
/// <param name="ScanSegments">Scan only: TotalSegments, walked 0..N-1 one after another.</param>
/// <param name="PageWorstCase">Read units one full page can consume at most (<see cref="ReadCost.WorstCasePage"/>).</param>
/// <param name="RunWorstCase">Read units the whole run can consume at most: min(ceiling, page limit × page worst case).</param>
/// <param name="Attributes">The segment's attribute classes: sensitive attributes are masked in every item the runner returns.</param>
/// <param name="AuditParameters">Every parameter's effective value (given or default), <see cref="QueryPlanner.Masked"/> where bound to a sensitive attribute.</param>
public sealed record QueryPlan(
    string TemplateName,
    string TemplateHash,
    string Segment,
    int SegmentVersion,
    string SegmentSource,
    string Table,
    string? Index,
    QueryOperation Operation,
    string? KeyConditionExpression,
    string? FilterExpression,
    string? ProjectionExpression,
    IReadOnlyDictionary<string, string> ExpressionAttributeNames,
    IReadOnlyDictionary<string, QueryValue> ExpressionAttributeValues,
    IReadOnlyDictionary<string, QueryValue>? Key,
    bool ConsistentRead,
    int PageSize,
    int PageLimit,
    double ReadCeiling,
    int? ScanSegments,
    double PageWorstCase,
    double RunWorstCase,
    AttributeClasses Attributes,
    IReadOnlyDictionary<string, string> AuditParameters)
{
    /// <summary>Every expression string of the plan (key condition, filter, projection), for checks that no value leaked into one.</summary>
    [JsonIgnore]
    public IEnumerable<string> Expressions =>
        new[] { KeyConditionExpression, FilterExpression, ProjectionExpression }.OfType<string>();
}
