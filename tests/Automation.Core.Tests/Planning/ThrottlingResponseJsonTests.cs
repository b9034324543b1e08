using System.Text.Json;

using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;
using Automation.Core.Tests.Facts;
using Automation.Core.Tests.Guardrails;

using M = Automation.Core.Facts.DynamoDbMetric;

namespace Automation.Core.Tests.Planning;

public class ThrottlingResponseJsonTests
{
    private static readonly CoreJsonContext Json = CoreJsonContext.Default;

    [Fact]
    public void FactsAreReadFromCamelCaseJsonWithEnumNames()
    {
        const string json = """
            {
              "table": {
                "tableName": "Orders", "status": "Active", "capacityMode": "Provisioned",
                "provisionedThroughput": { "readCapacityUnits": 1000, "writeCapacityUnits": 500, "numberOfDecreasesToday": 1,
                                           "lastDecreaseDateTime": "2025-03-10T02:00:00Z", "lastIncreaseDateTime": null },
                "onDemandThroughput": null,
                "globalSecondaryIndexes": []
              },
              "windowStart": "2025-03-10T10:00:00Z",
              "windowEnd": "2025-03-10T11:00:00Z",
              "metrics": [
                { "metric": "WriteProvisionedThroughputThrottleEvents", "indexName": null, "statistic": "Sum", "periodSeconds": 60,
                  "datapoints": [ { "timestamp": "2025-03-10T10:00:00Z", "value": 300 } ] },
                { "metric": "ConsumedWriteCapacityUnits", "indexName": null, "statistic": "Sum", "periodSeconds": 60,
                  "datapoints": [ { "timestamp": "2025-03-10T10:00:00Z", "value": 29700 } ] }
              ],
              "contributorInsights": [],
              "onDemandSwitches": []
            }
            """;

        ThrottlingFacts facts = JsonSerializer.Deserialize(json, Json.ThrottlingFacts)!;
        ThrottleDiagnosis diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.ProvisionedCapacityExhausted, diagnosis.Kind);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 2, 0, 0, TimeSpan.Zero), facts.Table.ProvisionedThroughput.LastDecreaseDateTime);
    }

    [Fact]
    public void AMissingRequiredFieldIsAnErrorNotASilentDefault()
    {
        const string json = """{ "tableName": "Orders", "status": "Active", "capacityMode": "Provisioned", "globalSecondaryIndexes": [] }""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, Json.TableFacts));
    }

    [Fact]
    public void PlansAreWrittenInCamelCaseWithEnumNamesAndExplicitNulls()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(1000, 500)
            .Rate(M.ConsumedWriteCapacityUnits, 495)
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 300)
            .Build();
        RemediationPlan plan = RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(facts), facts, TestPolicies.Defaults, ThrottlingFactsBuilder.WindowEnd, false);

        using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(plan, Json.RemediationPlan));
        JsonElement root = document.RootElement;

        Assert.Equal("IncreaseProvisionedCapacity", root.GetProperty("action").GetString());
        Assert.Equal("ProvisionedCapacityExhausted", root.GetProperty("diagnosisKind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("indexName").ValueKind);
        Assert.Equal(650, root.GetProperty("tableUpdate").GetProperty("provisionedThroughput").GetProperty("writeCapacityUnits").GetInt64());
        Assert.Equal("Write", root.GetProperty("tableUpdate").GetProperty("adjustments")[0].GetProperty("dimension").GetString());
        Assert.False(root.GetProperty("tableUpdate").GetProperty("adjustments")[0].TryGetProperty("isDecrease", out _));
    }

    [Fact]
    public void ARefusalCarriesItsErrorTypeForTheStateMachine()
    {
        var result = new GuardrailCheckResult(GuardrailVerdict.Refused, GuardrailRefusalReason.AboveCeiling, null, "too high", null, [], "plan-1", ThrottlingFactsBuilder.WindowEnd);

        using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(result, Json.GuardrailCheckResult));

        Assert.Equal("Refused", document.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("AboveCeiling", document.RootElement.GetProperty("reason").GetString());
        Assert.Equal("GuardrailRefused", document.RootElement.GetProperty("errorType").GetString());
        GuardrailCheckResult back = JsonSerializer.Deserialize(document.RootElement.GetRawText(), Json.GuardrailCheckResult)!;
        Assert.Equal((result.Verdict, result.Reason, result.PlanId, result.CheckedAt), (back.Verdict, back.Reason, back.PlanId, back.CheckedAt));
    }

    [Fact]
    public void DiagnosesAndPoliciesRoundTrip()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(3000, 5000)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 400)
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 1000, null, ("customer#42", 720))
            .Build();
        ThrottleDiagnosis diagnosis = ThrottleDiagnoser.Diagnose(facts);

        string json = JsonSerializer.Serialize(diagnosis, Json.ThrottleDiagnosis);
        ThrottleDiagnosis back = JsonSerializer.Deserialize(json, Json.ThrottleDiagnosis)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, Json.ThrottleDiagnosis));
        Assert.Contains("\"source\":\"PartitionKeyThrottled\"", json, StringComparison.Ordinal);
        string policy = JsonSerializer.Serialize(GuardrailPolicy.BuiltIn, Json.GuardrailPolicy);
        Assert.Contains("\"switchFromProvisioned\":\"Never\"", policy, StringComparison.Ordinal);
        Assert.Equal(GuardrailPolicy.BuiltIn.Defaults, JsonSerializer.Deserialize(policy, Json.GuardrailPolicy)!.Defaults);
    }
}
