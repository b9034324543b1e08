using System.Globalization;
using System.Text;

namespace Automation.Core.Queries;

/// <summary>
/// A plan as an operator reads it in <c>explain</c> mode (nothing is read): what is read (table, index, operation,
/// consistency), the expressions with their placeholders AND the values bound to them (masked where sensitive), and
/// the worst-case cost per page and per run.
/// </summary>
/// <param name="Template">Template name.</param>
/// <param name="TemplateHash">Its content hash.</param>
/// <param name="Segment">Segment name.</param>
/// <param name="SegmentVersion">Segment file version.</param>
/// <param name="Table">Table read.</param>
/// <param name="Index">Index read, or null.</param>
/// <param name="Operation">Query, GetItem or Scan.</param>
/// <param name="ConsistentRead">Strongly consistent?</param>
/// <param name="KeyCondition">The key condition with placeholders (GetItem: the key, e.g. <c>pk = :v0</c>), or null for a Scan.</param>
/// <param name="Filter">The filter with placeholders, or null. Filters do not reduce cost.</param>
/// <param name="Projection">The projection with placeholders, or null (all attributes).</param>
/// <param name="Names">Name placeholders → attribute names.</param>
/// <param name="Values">Value placeholders → values as shown (<c>&lt;masked&gt;</c> where sensitive), with their DynamoDB type.</param>
/// <param name="PageSize">Items per page at most.</param>
/// <param name="PageLimit">Pages at most.</param>
/// <param name="ScanSegments">Scan segments, walked one after another, or null.</param>
/// <param name="ReadCeiling">Declared read ceiling, RCU per run.</param>
/// <param name="WorstCasePerPage">Most read units one full page can consume.</param>
/// <param name="WorstCasePerRun">Most read units the run can consume.</param>
/// <param name="Parameters">The parameters as audited (masked where sensitive).</param>
public sealed record QueryExplanation(
    string Template,
    string TemplateHash,
    string Segment,
    int SegmentVersion,
    string Table,
    string? Index,
    QueryOperation Operation,
    bool ConsistentRead,
    string? KeyCondition,
    string? Filter,
    string? Projection,
    IReadOnlyDictionary<string, string> Names,
    IReadOnlyDictionary<string, string> Values,
    int PageSize,
    int PageLimit,
    int? ScanSegments,
    double ReadCeiling,
    double WorstCasePerPage,
    double WorstCasePerRun,
    IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The explanation of <paramref name="plan"/>.</summary>
    public static QueryExplanation Of(QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string? keyCondition = plan.Operation == QueryOperation.GetItem && plan.Key is { } key
            ? string.Join(" AND ", key.Select(k => $"{k.Key} = {Shown(k.Value)}"))
            : plan.KeyConditionExpression;
        return new QueryExplanation(
            Template: plan.TemplateName,
            TemplateHash: plan.TemplateHash,
            Segment: plan.Segment,
            SegmentVersion: plan.SegmentVersion,
            Table: plan.Table,
            Index: plan.Index,
            Operation: plan.Operation,
            ConsistentRead: plan.ConsistentRead,
            KeyCondition: keyCondition,
            Filter: plan.FilterExpression,
            Projection: plan.ProjectionExpression,
            Names: plan.ExpressionAttributeNames,
            Values: plan.ExpressionAttributeValues.ToDictionary(v => v.Key, v => Shown(v.Value), StringComparer.Ordinal),
            PageSize: plan.PageSize,
            PageLimit: plan.PageLimit,
            ScanSegments: plan.ScanSegments,
            ReadCeiling: plan.ReadCeiling,
            WorstCasePerPage: plan.PageWorstCase,
            WorstCasePerRun: plan.RunWorstCase,
            Parameters: plan.AuditParameters);
    }

    /// <summary>The explanation as text lines, for the CLI's <c>explain</c>.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        string target = Index is null ? $"table {Table}" : $"index {Index} of table {Table}";
        Line(text, $"template {Template} (segment {Segment} v{SegmentVersion}, sha256 {TemplateHash})");
        Line(text, $"reads {target}: {Operation}, {(ConsistentRead ? "strongly consistent" : "eventually consistent")}");
        if (KeyCondition is not null)
        {
            Line(text, (Operation == QueryOperation.GetItem ? "key: " : "key condition: ") + KeyCondition);
        }

        if (Filter is not null)
        {
            Line(text, $"filter (applied after the read; does not reduce cost): {Filter}");
        }

        if (Projection is not null)
        {
            Line(text, $"projection: {Projection}");
        }

        foreach (KeyValuePair<string, string> name in Names)
        {
            Line(text, $"  {name.Key} = {name.Value}");
        }

        foreach (KeyValuePair<string, string> value in Values)
        {
            Line(text, $"  {value.Key} = {value.Value}");
        }

        string pages = Operation == QueryOperation.GetItem
            ? "one item"
            : $"up to {PageLimit} page(s) of up to {PageSize} item(s)" + (ScanSegments is { } s ? $", {s} scan segment(s) in turn" : string.Empty);
        Line(text, pages);
        Line(text, string.Create(
            CultureInfo.InvariantCulture,
            $"worst case: {WorstCasePerPage} RCU per page, {WorstCasePerRun} RCU per run (read ceiling {ReadCeiling} RCU)"));
        return text.ToString();
    }

    private static string Shown(QueryValue value) =>
        value.Sensitive ? QueryPlanner.Masked : value.Type == ParameterType.Text ? $"\"{value.Text}\" ({value.DynamoType})" : $"{value.Text} ({value.DynamoType})";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
