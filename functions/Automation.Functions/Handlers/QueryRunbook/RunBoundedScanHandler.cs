using Automation.Core.Queries;
using Automation.Functions.Aws;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.QueryRunbook;

/// <summary><c>RunBoundedScan</c>: only Scan templates, which lint admits only when declared bounded (segments, page limit, ceiling); its role can only Scan.</summary>
public sealed class RunBoundedScanHandler(StepServices services, RunbookCatalogProvider runbooks, QueryRunbookProvider queries)
    : QueryRunStep(services, runbooks, queries)
{
    public const string StepName = "RunBoundedScan";

    private static readonly IReadOnlySet<QueryOperation> Allowed = new HashSet<QueryOperation> { QueryOperation.Scan };

    public override string Name => StepName;

    protected override IReadOnlySet<QueryOperation> Operations => Allowed;

    protected override string OtherStep => RunQueryHandler.StepName;
}
