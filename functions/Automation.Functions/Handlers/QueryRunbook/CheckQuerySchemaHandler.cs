using Automation.Core.Queries;
using Automation.Core.Segments;
using Automation.Functions.Contracts.QueryRunbook;
using Automation.Functions.Mapping;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.QueryRunbook;

/// <summary>
/// <c>CheckQuerySchema</c> (pure): a fresh DescribeTable (read by the state machine just before) against the segment
/// file's <c>schema</c> (<see cref="SchemaDrift"/>): the table's keys and every declared index with its keys and kind.
/// Drift fails <c>SchemaDrift</c> listing every difference, and nothing is read.
/// </summary>
public sealed partial class CheckQuerySchemaHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<CheckQuerySchemaInput, CheckQuerySchemaOutput>(services)
{
    public const string StepName = "CheckQuerySchema";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<CheckQuerySchemaOutput> RunAsync(CheckQuerySchemaInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        ValidQueryRequest request = StepInput.Required(input.Request, "request").Validate();
        QueryPlan plan = QueryPlanner.Plan(runbooks.Catalog, request.Template, request.Parameters);
        TableSchema actual = RawTableKeysMapper.Map(input.Table);
        if (input.Table?.TableName is { } described && !string.Equals(described, plan.Table, StringComparison.Ordinal))
        {
            throw InputError.Field("table.TableName", $"is '{described}', but template {plan.TemplateName} reads '{plan.Table}'");
        }

        SegmentDefinition segment = runbooks.Catalog.Segments.Single(s => string.Equals(s.Name, plan.Segment, StringComparison.Ordinal));
        IReadOnlyList<string> drift = SchemaDrift.Compare(segment.Schema, actual);
        if (drift.Count > 0)
        {
            LogDrift(plan.Table, segment.Source, string.Join("; ", drift));
            throw new AutomationException(
                ErrorTypes.SchemaDrift,
                $"Table {plan.Table} no longer matches {segment.Source} (segment {segment.Name} v{segment.Version}); nothing was read. Update the segment file: {string.Join("; ", drift)}.")
            {
                Field = drift[0][..drift[0].IndexOf(':', StringComparison.Ordinal)],
            };
        }

        return Task.FromResult(new CheckQuerySchemaOutput(segment.Name, segment.Version, plan.Table, [.. segment.Schema.Indexes.Select(i => i.Name)]));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table {Table} drifted from {SegmentFile}: {Drift}")]
    private partial void LogDrift(string table, string segmentFile, string drift);
}
