using Automation.Core.Queries;
using Automation.Functions.Aws;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.QueryRunbook;

/// <summary><c>RunQuery</c>: Query and GetItem templates (its role cannot Scan).</summary>
public sealed class RunQueryHandler(StepServices services, RunbookCatalogProvider runbooks, QueryRunbookProvider queries)
    : QueryRunStep(services, runbooks, queries)
{
    public const string StepName = "RunQuery";

    private static readonly IReadOnlySet<QueryOperation> Allowed = new HashSet<QueryOperation> { QueryOperation.Query, QueryOperation.GetItem };

    public override string Name => StepName;

    protected override IReadOnlySet<QueryOperation> Operations => Allowed;

    protected override string OtherStep => RunBoundedScanHandler.StepName;
}
