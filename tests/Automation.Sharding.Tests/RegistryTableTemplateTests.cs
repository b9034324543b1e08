using Amazon.DynamoDBv2;
using Automation.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace Automation.Sharding.Tests;

/// <summary>The registry table template.yaml deploys must have the keys the library reads and writes.</summary>
public class RegistryTableTemplateTests
{
    [Fact]
    public void The_deployed_registry_table_has_the_library_key_schema()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(RepoPaths.Combine("template.yaml")))
        {
            yaml.Load(reader); // CloudFormation tags (!Ref, !Sub) load as tagged nodes; no need to resolve them
        }

        var table = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["Resources"])["ShardRegistryTable"];
        var properties = (YamlMappingNode)table["Properties"];
        var expected = ShardRegistrySchema.CreateTableRequest("ignored");

        Assert.Equal("AWS::DynamoDB::Table", table["Type"].ToString());
        Assert.Equal(
            expected.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"),
            ((YamlSequenceNode)properties["KeySchema"]).Cast<YamlMappingNode>().Select(k => $"{k["AttributeName"]}:{k["KeyType"]}"));
        Assert.Equal(
            expected.AttributeDefinitions.Select(a => $"{a.AttributeName}:{a.AttributeType.Value}"),
            ((YamlSequenceNode)properties["AttributeDefinitions"]).Cast<YamlMappingNode>().Select(a => $"{a["AttributeName"]}:{a["AttributeType"]}"));
        Assert.Equal(BillingMode.PAY_PER_REQUEST.Value, properties["BillingMode"].ToString());
    }
}
