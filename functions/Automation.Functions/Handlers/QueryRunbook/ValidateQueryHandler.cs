using Automation.Core.Queries;
using Automation.Functions.Contracts.QueryRunbook;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.QueryRunbook;

/// <summary>
/// <c>ValidateQuery</c> (pure, the first step): the operator's request → checked fields → the template planned with its
/// parameters (<see cref="QueryPlanner"/>: types, patterns, allowed values, the segment's key prefix) → the explanation
/// (what would be read, with the worst-case cost). Bad input fails <c>InvalidInput</c> naming the field; runbooks that
/// fail lint fail <c>InvalidRunbookConfig</c> naming the file. Reads nothing.
/// </summary>
public sealed partial class ValidateQueryHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<QueryRunRequest, ValidateQueryOutput>(services)
{
    public const string StepName = "ValidateQuery";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<ValidateQueryOutput> RunAsync(QueryRunRequest input, InvocationContext context, CancellationToken cancellationToken)
    {
        ValidQueryRequest request = input.Validate();
        QueryPlan plan = QueryPlanner.Plan(runbooks.Catalog, request.Template, request.Parameters);
        QueryExplanation explanation = QueryExplanation.Of(plan);
        LogValidated(plan.TemplateName, plan.Segment, plan.Table, plan.Index, plan.RunWorstCase, request.Explain);
        return Task.FromResult(new ValidateQueryOutput(QueryRunRequest.From(request), explanation, explanation.Render(), request.Explain));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Query {Template} of segment {Segment} on {Table} (index {Index}) validated: at most {WorstCaseUnits} read units (explain {Explain})")]
    private partial void LogValidated(string template, string segment, string table, string? index, double worstCaseUnits, bool explain);
}
