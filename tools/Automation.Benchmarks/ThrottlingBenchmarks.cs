using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;

using BenchmarkDotNet.Attributes;

namespace Automation.Benchmarks;

/// <summary>Diagnose, Plan and the pre-apply Recheck on the realistic scenarios; target &lt; 1 ms median each.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class ThrottlingBenchmarks
{
    private ThrottlingFacts _facts = null!;
    private ThrottleDiagnosis _diagnosis = null!;
    private RemediationPlan _plan = null!;
    private readonly GuardrailPolicy _policy = GuardrailPolicy.BuiltIn;
    private readonly DateTimeOffset _now = new(2025, 3, 10, 11, 2, 0, TimeSpan.Zero);

    [Params("CapacityExhausted", "HotKey")]
    public string Scenario { get; set; } = "CapacityExhausted";

    [GlobalSetup]
    public void Setup()
    {
        _facts = Scenario == "HotKey" ? BenchmarkScenarios.HotKey() : BenchmarkScenarios.CapacityExhausted();
        _diagnosis = ThrottleDiagnoser.Diagnose(_facts);
        _plan = RemediationPlanner.Plan(_diagnosis, _facts, _policy, _now, dryRun: false);
        string expected = Scenario == "HotKey" ? nameof(DiagnosisKind.HotKey) : nameof(DiagnosisKind.ProvisionedCapacityExhausted);
        if (_diagnosis.Kind.ToString() != expected)
        {
            throw new InvalidOperationException($"Scenario {Scenario} diagnosed as {_diagnosis.Kind}; the benchmark input is wrong.");
        }
    }

    [Benchmark]
    public ThrottleDiagnosis Diagnose() => ThrottleDiagnoser.Diagnose(_facts);

    [Benchmark]
    public RemediationPlan Plan() => RemediationPlanner.Plan(_diagnosis, _facts, _policy, _now, dryRun: false);

    [Benchmark]
    public GuardrailCheckResult Recheck() => GuardrailCheck.Recheck(_plan, _facts, _policy, _now.AddMinutes(1));
}
