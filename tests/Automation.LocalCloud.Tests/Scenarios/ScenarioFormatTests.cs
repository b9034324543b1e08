using System.Text.Json.Nodes;
using Automation.LocalCloud.Scenarios;
using Automation.LocalCloud.Scenarios.Expectations;

namespace Automation.LocalCloud.Tests.Scenarios;

/// <summary>The scenario format: YAML typing, JSON paths, matchers, DynamoDB marshalling, validation.</summary>
public sealed class ScenarioFormatTests
{
    [Fact]
    public void Yaml_scalars_follow_the_core_schema_and_quotes_keep_strings()
    {
        var node = YamlJson.Parse("a: 5\nb: '5'\nc: true\nd: null\ne: 1.5\nf: text\ng: [1, \"x\"]")!;

        Assert.Equal("""{"a":5,"b":"5","c":true,"d":null,"e":1.5,"f":"text","g":[1,"x"]}""", node.ToJsonString());
    }

    [Theory]
    [InlineData("$.a.b[1]", true, "2")]
    [InlineData("$['a'].b[-1]", true, "3")]
    [InlineData("$.a.c", false, null)]
    [InlineData("$.a.b[7]", false, null)]
    public void Json_paths_select_one_value(string path, bool found, string? value)
    {
        var (isFound, actual) = JsonPath.Select(JsonNode.Parse("""{"a":{"b":[1,2,3]}}"""), path);

        Assert.Equal(found, isFound);
        Assert.Equal(value, actual?.ToJsonString());
    }

    [Theory]
    [InlineData("5", "5", true)]
    [InlineData("\"5\"", "5", true)]            // IAM's XML answers give numbers as text
    [InlineData("5", "6", false)]
    [InlineData("{\"a\":[1]}", "{\"a\":[1]}", true)]
    [InlineData("\"abc\"", "{\"$regex\":\"^a\"}", true)]
    [InlineData("[1,2]", "{\"$contains\":2}", true)]
    [InlineData("[1,2]", "{\"$length\":3}", false)]
    [InlineData("10", "{\"$gte\":10}", true)]
    [InlineData("10", "{\"$lt\":10}", false)]
    [InlineData("\"x\"", "{\"$anyOf\":[\"y\",{\"$regex\":\"x\"}]}", true)]
    [InlineData("\"x\"", "{\"$ne\":\"x\"}", false)]
    public void Matchers_compare_values(string actual, string expected, bool matches) =>
        Assert.Equal(matches, ValueMatcher.Mismatch(true, JsonNode.Parse(actual), JsonNode.Parse(expected)) is null);

    [Fact]
    public void Exists_matcher_checks_presence()
    {
        Assert.Null(ValueMatcher.Mismatch(false, null, JsonNode.Parse("""{"$exists":false}""")));
        Assert.NotNull(ValueMatcher.Mismatch(false, null, JsonNode.Parse("1")));
    }

    [Fact]
    public void Items_round_trip_through_dynamodb_json()
    {
        var item = JsonNode.Parse("""{"pk":"a","n":1.5,"ok":true,"none":null,"list":[1,"x"],"map":{"k":"v"}}""")!.AsObject();

        var typed = DynamoDbJson.MarshalItem(item);

        Assert.Equal("""{"S":"a"}""", typed["pk"]!.ToJsonString());
        Assert.Equal("""{"N":"1.5"}""", typed["n"]!.ToJsonString());
        Assert.True(DynamoDbJson.IsTyped(typed));
        Assert.True(ValueMatcher.DeepEquals(item, DynamoDbJson.UnmarshalItem(typed)));
    }

    [Fact]
    public void Generated_items_number_their_strings_and_pad_to_an_exact_size()
    {
        var generator = new ScenarioItemGenerator
        {
            Count = 3,
            Start = 9,
            Item = JsonNode.Parse("""{"pk":"customer#7","sk":"order#{n:000}","n":{"N":"{n}"},"tags":["t{n}"]}""")!.AsObject(),
            SizeBytes = 3000,
        };

        var items = ItemGenerator.Items(generator).ToList();

        Assert.Equal(["order#009", "order#010", "order#011"], items.Select(i => i["sk"]!["S"]!.GetValue<string>()));
        Assert.Equal("""{"N":"10"}""", items[1]["n"]!.ToJsonString());
        Assert.Equal("""{"L":[{"S":"t11"}]}""", items[2]["tags"]!.ToJsonString());
        Assert.All(items, i => Assert.Equal(3000, Automation.LocalCloud.Aws.DynamoDbCapacity.ItemBytes(i)));
    }

    [Fact]
    public void A_generated_item_larger_than_its_size_is_refused_naming_it()
    {
        var generator = new ScenarioItemGenerator { Count = 1, Item = new JsonObject { ["pk"] = new string('k', 50) }, SizeBytes = 40 };

        var error = Assert.Throws<FormatException>(() => ItemGenerator.Items(generator).ToList());

        Assert.Contains("item 1 is 52 bytes before padding, over sizeBytes 40", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workflow: W\narrange: {tables: [{definition: {TableName: t}, generate: [{count: 0, item: {pk: a}}]}]}\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED}", "generate.count must be at least 1")]
    [InlineData("workflow: W\narrange: {tables: [{definition: {TableName: t}, generate: [{count: 1, item: {pk: a}, sizeBytes: 500000}]}]}\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED}", "generate.sizeBytes must be between 1 and 409600")]
    [InlineData("workflow: W\ntrigger: {}\nexpect: {status: SUCCEEDED}", "exactly one of 'alarm', 'input' or 'access'")]
    [InlineData("workflow: W\ntrigger: {input: {}}\nexpect: {}", "expect.status")]
    [InlineData("workflow: W\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED}\ntypo: 1", "typo")]
    [InlineData("workflow: W\ntrigger: {input: {}, deliveries: 0}\nexpect: {status: SUCCEEDED}", "trigger.deliveries must be at least 1")]
    [InlineData("workflow: W\narrange: {faults: [{table: t, operations: [], error: LimitExceededException}]}\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED}", "needs at least one operation")]
    [InlineData("workflow: W\ntrigger: {input: {}}\ninteractions: [{state: S}]\nexpect: {status: SUCCEEDED}", "needs calls, sendTaskSuccess, sendTaskFailure, access or stop")]
    [InlineData("workflow: W\ntrigger: {input: {}}\ninteractions: [{state: S, sendTaskSuccess: {}, sendTaskFailure: {error: E}}]\nexpect: {status: SUCCEEDED}", "not both")]
    [InlineData("workflow: W\ntrigger: {access: {action: approve, as: 'arn:aws:iam::123456789012:user/a'}}\nexpect: {status: SUCCEEDED}", "needs a requestId")]
    [InlineData("workflow: W\ntrigger: {access: {action: request}}\nexpect: {status: SUCCEEDED}", "as")]
    [InlineData("workflow: W\ntrigger: {input: {}}\nexpect: {response: {status: 200}}", "expect.response needs trigger.access")]
    [InlineData("workflow: W\ntrigger: {access: {action: request, as: a}}\nexpect: {response: {code: 200}}", "'code' is not status, error, cause or a JSON path")]
    [InlineData("workflow: W\ntrigger: {access: {action: request, as: a}}\ninteractions: [{state: S, concurrent: true, access: {action: approve, as: b}}]\nexpect: {status: SUCCEEDED}", "concurrent needs at least two")]
    [InlineData("workflow: W\ntrigger: {access: {action: request, as: a}}\ninteractions: [{state: S, stop: true, sendTaskSuccess: {}}]\nexpect: {status: SUCCEEDED}", "do not mix")]
    [InlineData("workflow: W\ntrigger: {access: {action: request, as: a}}\ninteractions: [{state: S, access: [{action: a, as: b}, {action: c, as: d}], expectResponse: {status: 200}}]\nexpect: {status: SUCCEEDED}", "exactly one access call")]
    [InlineData("workflow: W\narrange: {faults: [{service: iam, table: t, operations: [DeleteRole], error: ServiceFailure}]}\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED}", "takes no table")]
    [InlineData("workflow: W\narrange: {faults: [{service: sqs, operations: [SendMessage], error: E}]}\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED}", "service 'sqs' is not supported")]
    [InlineData("workflow: W\narrange: {stepFaults: [{function: F, error: E, times: 0}]}\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED}", "times must be at least 1")]
    [InlineData("workflow: W\narrange: {iam: {roles: [{Path: /x/}]}}\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED}", "needs RoleName and AssumeRolePolicyDocument")]
    [InlineData("workflow: W\ntrigger: {input: {}}\nexpect: {status: SUCCEEDED, executions: [{status: SUCCEEDED}]}", "stateMachine")]
    public void Invalid_scenarios_are_refused_with_the_reason(string yaml, string reason)
    {
        var error = Assert.ThrowsAny<Exception>(() => ScenarioLoader.Parse(YamlJson.Parse(yaml)!.AsObject()));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interaction_takes_one_access_call_or_a_list_and_the_break_glass_fields_parse()
    {
        var scenario = ScenarioLoader.Parse(YamlJson.Parse("""
            workflow: W
            arrange:
              stepFaults: [{function: RecordGrantFunction, error: RecordFailed}]
              faults: [{service: iam, operations: [DeleteRolePolicy], error: ServiceFailure, times: 1}]
              iam: {roles: [{RoleName: r, Path: /bg/, AssumeRolePolicyDocument: {Version: "2012-10-17"}, inlinePolicies: {p: {}}}]}
            trigger: {access: {action: request, as: "arn:aws:iam::123456789012:role/OnCall", body: {segment: orders}}}
            interactions:
              - {state: A, access: {action: approve, as: b}, expectResponse: {status: 200}}
              - {state: A, concurrent: true, access: [{action: approve, as: b}, {action: approve, as: c, requestId: r-2}]}
              - {state: Hold, stop: true}
            expect:
              response: {status: 202, $.status: PENDING}
              status: ABORTED
              executions: [{stateMachine: RevokeStateMachine, status: SUCCEEDED, output: {$.cause: StoppedRun}}]
            """)!.AsObject());

        Assert.Equal("request", scenario.Trigger.Access!.Action);
        Assert.Single(scenario.Interactions[0].Access);
        Assert.Equal(["b", "c"], scenario.Interactions[1].Access.Select(a => a.As));
        Assert.Equal("r-2", scenario.Interactions[1].Access[1].RequestId);
        Assert.True(scenario.Interactions[2].Stop);
        Assert.Equal("iam", scenario.Arrange.Faults[0].Service);
        Assert.Null(scenario.Arrange.Faults[0].Table);
        Assert.Equal("RecordGrantFunction", scenario.Arrange.StepFaults[0].Function);
        Assert.Equal("r", scenario.Arrange.Iam!.Roles[0]["RoleName"]!.GetValue<string>());
        Assert.Equal("RevokeStateMachine", scenario.Expect.Executions[0].StateMachine);
    }

    [Fact]
    public void Token_wait_states_are_found_in_every_branch_and_iterator()
    {
        var definition = JsonNode.Parse("""
            {"StartAt":"A","States":{
              "A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Next":"P"},
              "P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken","End":true}}}],"Next":"M"},
              "M":{"Type":"Map","ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},"End":true}}}
            """);

        Assert.Equal(["A", "B"], ExecutionWatcher.TokenWaitStates(definition).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Concurrent_answers_meet_their_expectations_in_any_order()
    {
        var calls = new List<ScenarioAccessCall> { new() { Action = "approve", As = "b" }, new() { Action = "approve", As = "c" } };
        var won = new AccessResponse(200, JsonNode.Parse("""{"ok":true}"""), null, null, null);
        var lost = new AccessResponse(409, JsonNode.Parse("""{"error":"ConcurrentModification"}"""), "ConcurrentModification", null, null);
        List<Dictionary<string, JsonNode?>?> expectations =
        [
            new() { ["status"] = 200, ["$.ok"] = true },
            new() { ["status"] = 409, ["error"] = "ConcurrentModification" },
        ];

        Assert.Empty(ResponseMatching.MatchInAnyOrder("here", calls, [lost, won], expectations));
        Assert.Single(ResponseMatching.MatchInAnyOrder("here", calls, [won, won], expectations));
        Assert.Single(ResponseMatching.MatchInOrder("here", calls, [lost, won], expectations).Take(1));
    }
}
