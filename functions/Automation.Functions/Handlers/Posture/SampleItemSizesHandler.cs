using Automation.Core.Posture;
using Automation.Core.Queries;
using Automation.Core.Segments;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.Posture;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.Posture;

/// <summary>
/// <c>SampleItemSizes</c>: the item-size sample of one table: a bounded, eventually consistent Scan run by the query
/// runner (<see cref="QueryRunner"/>: the page size, page limit and read ceiling of defaults.yaml's
/// <c>posture.sample</c> hold exactly as for a query template), each item measured by DynamoDB's size rules
/// (<see cref="ItemSizeSampler"/>). The largest items' keys are masked by the segment's attribute classes. Reads only.
/// </summary>
public sealed partial class SampleItemSizesHandler(StepServices services, RunbookCatalogProvider runbooks, QueryRunbookProvider queries)
    : StepHandler<SampleItemSizesInput, SampleItemSizesOutput>(services)
{
    public const string StepName = "SampleItemSizes";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => [ErrorTypes.TransientDependencyError, ErrorTypes.DeadlineExceeded];

    protected override async Task<SampleItemSizesOutput> RunAsync(SampleItemSizesInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        PostureTableTarget target = input.Target ?? throw InputError.Field("target", "is required ({tableName, segment})");
        PostureSampleSettings settings = input.Sample ?? throw InputError.Field("sample", "is required (PreparePosture's settings.sample)");
        if (!settings.Enabled)
        {
            return new SampleItemSizesOutput(null, "Disabled");
        }

        string[] keys = [.. (input.KeySchema ?? []).OrderBy(k => k?.KeyType == "HASH" ? 0 : 1).Select(k => k?.AttributeName).OfType<string>()];
        SegmentDefinition? segment = runbooks.Catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, target.Segment, StringComparison.Ordinal));
        AttributeClasses attributes = segment?.Attributes ?? AttributeClasses.None;
        QueryPlan plan = ItemSizeSampler.Plan(target.TableName, target.Segment, settings);
        QueryRunResult run = await QueryRunner.RunAsync(plan, queries.Reader, cancellationToken).ConfigureAwait(false);
        ItemSizeSample sample = ItemSizeSampler.Summarise(run, keys, attributes, settings.Largest);
        long largestBytes = sample.Largest.Count > 0 ? sample.Largest[0].Bytes : 0;
        string stop = run.StopReason.ToString();
        LogSampled(target.TableName, sample.ItemsSampled, sample.ConsumedReadUnits, largestBytes, stop);
        return new SampleItemSizesOutput(sample, stop);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture sample of {Table}: {Items} items, {Units:0.#} RCU, largest {Bytes} bytes, stopped {Reason}")]
    private partial void LogSampled(string table, int items, double units, long bytes, string reason);
}
