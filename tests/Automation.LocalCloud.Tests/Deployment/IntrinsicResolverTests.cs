using System.Text.Json.Nodes;
using Automation.LocalCloud.Deployment;

namespace Automation.LocalCloud.Tests.Deployment;

/// <summary>Template values resolve as CloudFormation resolves them, and resources are created after
/// what they refer to.</summary>
public sealed class IntrinsicResolverTests
{
    private static readonly JsonObject Template = JsonNode.Parse("""
        {
          "Parameters": {"Env": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]},
                         "Names": {"Type": "CommaDelimitedList", "Default": "a, b"}},
          "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                         "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]}},
          "Mappings": {"Sizes": {"dev": {"Rcu": 5}}},
          "Resources": {
            "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"RoleArn": {"Fn::GetAtt": ["Role", "Arn"]}}},
            "Role": {"Type": "AWS::IAM::Role", "Properties": {"Path": {"Fn::Sub": "/${Table}/"}}},
            "Table": {"Type": "AWS::DynamoDB::Table", "DependsOn": "Log", "Properties": {}},
            "Log": {"Type": "AWS::Logs::LogGroup", "Properties": {}}
          }
        }
        """)!.AsObject();

    private static IntrinsicResolver Resolver(string env = "dev")
    {
        var parameters = StackParameters.Resolve(Template, new Dictionary<string, string> { ["Env"] = env });
        var table = new DeployedResource("Table", "AWS::DynamoDB::Table", "orders",
            new Dictionary<string, JsonNode?> { ["Arn"] = "arn:aws:dynamodb:us-east-1:123456789012:table/orders" });
        return new IntrinsicResolver("stack", parameters, Template, id => id == "Table" ? table : null);
    }

    private static JsonNode? Resolve(string json, string env = "dev") => Resolver(env).Resolve(JsonNode.Parse(json));

    [Theory]
    [InlineData("""{"Ref": "Table"}""", "\"orders\"")]
    [InlineData("""{"Fn::GetAtt": ["Table", "Arn"]}""", "\"arn:aws:dynamodb:us-east-1:123456789012:table/orders\"")]
    [InlineData("""{"Fn::GetAtt": "Table.Arn"}""", "\"arn:aws:dynamodb:us-east-1:123456789012:table/orders\"")]
    [InlineData("""{"Fn::Sub": "arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${Table}/${Table.Arn}/${!Literal}"}""", "\"arn:aws:x:us-east-1:123456789012:orders/arn:aws:dynamodb:us-east-1:123456789012:table/orders/${Literal}\"")]
    [InlineData("""{"Fn::Sub": ["${A}-${Env}", {"A": {"Ref": "Table"}}]}""", "\"orders-dev\"")]
    [InlineData("""{"Fn::Join": ["/", ["a", {"Ref": "Env"}]]}""", "\"a/dev\"")]
    [InlineData("""{"Fn::Select": [1, {"Ref": "Names"}]}""", "\"b\"")]
    [InlineData("""{"Fn::Split": [",", "x,y"]}""", "[\"x\",\"y\"]")]
    [InlineData("""{"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Rcu"]}""", "5")]
    [InlineData("""{"Fn::If": ["IsProd", "big", "small"]}""", "\"small\"")]
    [InlineData("""{"a": 1, "b": {"Ref": "AWS::NoValue"}, "c": [1, {"Ref": "AWS::NoValue"}]}""", "{\"a\":1,\"c\":[1]}")]
    public void Resolves(string expression, string expected) =>
        Assert.Equal(expected, Resolve(expression)!.ToJsonString());

    [Fact]
    public void Conditions_follow_parameters()
    {
        Assert.Equal("\"big\"", Resolve("""{"Fn::If": ["IsProd", "big", "small"]}""", "prod")!.ToJsonString());
        Assert.False(Resolver("prod").Condition("NotProd"));
    }

    [Fact]
    public void A_reference_to_a_resource_not_yet_created_fails_loudly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve("""{"Ref": "Role"}"""));
        Assert.Contains("'Role'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_outside_their_allowed_values_are_refused() =>
        Assert.Throws<ArgumentException>(() => StackParameters.Resolve(Template, new Dictionary<string, string> { ["Env"] = "test" }));

    [Fact]
    public void Resources_come_after_what_they_refer_to()
    {
        var order = CreationOrder.Of(Template["Resources"]!.AsObject()).ToList();

        Assert.True(order.IndexOf("Log") < order.IndexOf("Table"));    // DependsOn
        Assert.True(order.IndexOf("Table") < order.IndexOf("Role"));   // Fn::Sub ${Table}
        Assert.True(order.IndexOf("Role") < order.IndexOf("Machine")); // Fn::GetAtt
    }

    [Fact]
    public void A_dependency_cycle_is_refused()
    {
        var resources = JsonNode.Parse("""{"A": {"Properties": {"x": {"Ref": "B"}}}, "B": {"Properties": {"y": {"Fn::GetAtt": ["A", "Arn"]}}}}""")!.AsObject();

        Assert.Throws<InvalidOperationException>(() => CreationOrder.Of(resources));
    }
}
