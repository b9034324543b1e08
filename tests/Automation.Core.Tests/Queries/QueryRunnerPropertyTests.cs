using Automation.Core.Queries;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using static Automation.Core.Tests.Queries.QuerySamples;

namespace Automation.Core.Tests.Queries;

public class QueryRunnerPropertyTests
{
    /// <summary>One random run: the read, its budget, and the data DynamoDB holds (item sizes per scan segment).</summary>
    internal sealed record RunCase(
        QueryOperation Operation,
        bool Consistent,
        int PageSize,
        int PageLimit,
        double Ceiling,
        List<List<int>> Segments,
        bool KeyOnLimit,
        int FilterModulus)
    {
        public override string ToString() =>
            $"{Operation} consistent={Consistent} pageSize={PageSize} pageLimit={PageLimit} ceiling={Ceiling} keyOnLimit={KeyOnLimit} filter%{FilterModulus} "
            + $"segments=[{string.Join(" | ", Segments.Select(s => string.Join(",", s)))}]";
    }

    /// <summary>Item sizes from 1 B to 400 KB: mostly small, often large, sometimes exactly the maximum.</summary>
    private static readonly Gen<int> ItemBytes = Gen.Frequency(
        (4, Gen.Choose(1, ReadCost.UnitBytes)),
        (3, Gen.Choose(ReadCost.UnitBytes + 1, 102_400)),
        (3, Gen.Choose(102_401, ReadCost.MaxItemBytes)),
        (1, Gen.Constant(ReadCost.MaxItemBytes)));

    /// <summary>A segment's items: a few large ones, or many small ones (so page size, not 1 MB, ends pages).</summary>
    private static readonly Gen<List<int>> SegmentItems = Gen.Frequency(
        (3, Gen.Choose(0, 40).SelectMany(n => Gen.ListOf(ItemBytes, n)).Select(l => l.ToList())),
        (1, Gen.Choose(0, 600).SelectMany(n => Gen.ListOf(Gen.Choose(1, 3000), n)).Select(l => l.ToList())));

    private static readonly Arbitrary<RunCase> RunCases = (
        from operation in Gen.Frequency((4, Gen.Constant(QueryOperation.Query)), (3, Gen.Constant(QueryOperation.Scan)), (1, Gen.Constant(QueryOperation.GetItem)))
        from consistent in Gen.Elements(true, false)
        from pageSize in Gen.Frequency((3, Gen.Choose(1, 10)), (2, Gen.Choose(11, 300)), (1, Gen.Choose(301, 1000)))
        from pageLimit in Gen.Choose(1, 12)
        from halfUnits in Gen.Frequency((1, Gen.Choose(1, 200)), (3, Gen.Choose(1, 6000)))
        from fraction in Gen.Elements(0.0, 0.0, 0.1, 0.3, 0.49)
        from segmentCount in operation == QueryOperation.Scan ? Gen.Choose(1, 4) : Gen.Constant(1)
        from segments in Gen.ListOf(SegmentItems, segmentCount).Select(l => l.ToList())
        from keyOnLimit in Gen.Elements(true, false)
        from filterModulus in Gen.Choose(1, 4)
        select new RunCase(
            operation,
            consistent,
            pageSize,
            pageLimit,
            (halfUnits / 2.0) + fraction,
            operation == QueryOperation.GetItem ? [.. segments.Select(s => s.Take(1).ToList())] : segments,
            keyOnLimit,
            filterModulus)).ToArbitrary();

    private static QueryPlan PlanFor(RunCase run)
    {
        QueryTemplate template = run.Operation switch
        {
            QueryOperation.GetItem => OrderById with { ConsistentRead = run.Consistent, ReadCeiling = run.Ceiling },
            QueryOperation.Scan => StuckScan with { Scan = new ScanBounds(run.Segments.Count) },
            _ => OrdersForCustomer,
        };
        template = template with { PageSize = run.PageSize, PageLimit = run.PageLimit, ReadCeiling = run.Ceiling, ConsistentRead = run.Consistent };
        Dictionary<string, string?> args = run.Operation switch
        {
            QueryOperation.GetItem => Args(("customer", "customer#1"), ("order", "order#1")),
            QueryOperation.Scan => Args(),
            _ => Args(("customer", "customer#1")),
        };
        return QueryPlanner.Plan(template, Orders(template), args);
    }

    /// <summary>
    /// Over random item sizes (1 B..400 KB), page sizes, page limits, consistency, ceilings and Scan segments, against a
    /// reader that charges exactly DynamoDB's rule: the run never consumes more than the read ceiling, never reads more
    /// pages than the page limit, asks every page for a Limit whose worst case fits what is left, every page's real
    /// charge is within that worst case, no item is skipped or read twice, and the stop reason is the right one.
    /// </summary>
    [Fact]
    public void The_read_ceiling_holds_and_the_stop_reason_is_right()
    {
        var seen = new Dictionary<StopReason, int>();
        PropertyCases.ForAll(RunCases, run =>
        {
            QueryPlan plan = PlanFor(run);
            var reader = new RuleChargingReader(run.Segments, filter: i => i % run.FilterModulus != 1, keyOnLimit: run.KeyOnLimit);
            int pages = 0;

            Task<QueryRunResult> running = QueryRunner.RunAsync(plan, reader, _ => pages++, CancellationToken.None);
            Assert.True(running.IsCompletedSuccessfully, "the fake reader is synchronous");
            QueryRunResult result = running.GetAwaiter().GetResult();

            // The ceiling, literally.
            Assert.True(result.ConsumedUnits <= run.Ceiling, $"consumed {result.ConsumedUnits} > ceiling {run.Ceiling}");
            Assert.Equal(reader.Charged, result.ConsumedUnits);
            Assert.True(result.Pages <= run.PageLimit, $"{result.Pages} pages > limit {run.PageLimit}");
            Assert.Equal(reader.Calls.Count, result.Pages);
            Assert.Equal(result.Pages, pages);

            double spent = 0;
            foreach ((QueryPageRequest request, QueryPage page) in reader.Calls)
            {
                double worst = ReadCost.WorstCasePage(run.Operation, request.Limit, plan.ConsistentRead);
                Assert.InRange(request.Limit, 1, run.Operation == QueryOperation.GetItem ? 1 : run.PageSize);
                Assert.True(worst <= run.Ceiling - spent, $"page worst case {worst} with {run.Ceiling - spent} left");
                Assert.True(page.ConsumedUnits <= worst, $"page charged {page.ConsumedUnits} > its worst case {worst}");
                spent += page.ConsumedUnits;
            }

            // Every item in order, once: segment by segment, a prefix of what was there.
            List<string> expected = [.. run.Segments
                .SelectMany((sizes, segment) => Enumerable.Range(0, sizes.Count).Select(i => (segment, i)))
                .Take(result.ScannedCount)
                .Where(x => x.i % run.FilterModulus != 1)
                .Select(x => $"{x.segment}/{x.i}")];
            Assert.Equal(expected, result.Items.Select(i => $"{i["pk"]!["S"]!.GetValue<string>()["customer#".Length..]}/{i["i"]!["N"]!.GetValue<string>()}"));
            Assert.All(result.Items, i => Assert.Equal(QueryPlanner.Masked, i["email"]!["S"]!.GetValue<string>()));

            // The stop reason.
            bool more = reader.Calls.Count == 0
                || (run.Operation != QueryOperation.GetItem
                    && (reader.Calls[^1].Page.LastEvaluatedKey is not null || (reader.Calls[^1].Request.ScanSegment ?? 0) < run.Segments.Count - 1));
            double left = run.Ceiling - result.ConsumedUnits;
            StopReason reason = !more ? StopReason.Completed
                : result.Pages == run.PageLimit ? StopReason.PageLimitReached
                : StopReason.CeilingReached;
            Assert.Equal(reason, result.StopReason);
            seen[reason] = seen.GetValueOrDefault(reason) + 1;
            if (reason == StopReason.CeilingReached)
            {
                Assert.True(ReadCost.WorstCasePage(run.Operation, 1, plan.ConsistentRead) > left, $"stopped at the ceiling with {left} left");
            }

            if (reason == StopReason.Completed)
            {
                Assert.Equal(run.Segments.Sum(s => s.Count), result.ScannedCount);
            }
        });

        // The generators reach every outcome (with enough cases to tell).
        if (PropertyCases.Count >= 100)
        {
            Assert.All(Enum.GetValues<StopReason>(), r => Assert.True(seen.GetValueOrDefault(r) >= PropertyCases.Count / 20, $"{r}: {seen.GetValueOrDefault(r)} of {PropertyCases.Count} cases"));
        }
    }
}
