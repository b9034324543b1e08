namespace HostBench;

/// <summary>One executable started with one handler's payload.</summary>
internal sealed record BenchCase(Workload Workload, Target Target);

/// <summary>Everything one bench run measured.</summary>
internal sealed record BenchResults(
    BenchOptions Options,
    IReadOnlyDictionary<BenchCase, List<Sample>> Samples,
    IReadOnlyDictionary<string, Package> Packages,
    string LoadBefore,
    string LoadAfter)
{
    public IReadOnlyList<Sample> For(string handler, string target) =>
        Samples.Single(kv => kv.Key.Workload.Handler == handler && kv.Key.Target.Label == target).Value;
}
