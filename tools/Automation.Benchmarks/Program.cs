using Automation.Benchmarks;

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Micro-benchmarks of the pure throttling-response steps (make bench).
//   dotnet run -c Release --project tools/Automation.Benchmarks -- --quick     short run, well under a minute
//   dotnet run -c Release --project tools/Automation.Benchmarks                full run
// Other arguments go to BenchmarkDotNet (e.g. --filter *Diagnose*). Benchmarks run in-process: the machine is
// offline, and an out-of-process run would have to restore and build a generated project.
bool quick = args.Contains("--quick");
List<string> rest = args.Where(a => a != "--quick").ToList();
if (!rest.Contains("--filter"))
{
    rest.AddRange(["--filter", "*"]);
}

Job job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
IConfig config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(ThrottlingBenchmarks).Assembly).Run([.. rest], config);
return 0;
