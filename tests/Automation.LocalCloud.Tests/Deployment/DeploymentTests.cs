using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Deployment;
using Automation.LocalCloud.Hosting;
using Automation.Tests.LocalCloud;

namespace Automation.LocalCloud.Tests.Deployment;

/// <summary>The stack the local cloud deploys is the one template.yaml describes.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class DeploymentTests(LocalCloudFixture cloud)
{
    private AwsClient Aws => cloud.Sandbox.Aws;

    [Fact]
    public async Task Every_resource_of_the_translated_template_is_created()
    {
        var translated = await TemplateTranslator.TranslateAsync(cloud.Sandbox.Paths, cloud.Sandbox.TemplatePath, new Dictionary<string, string>(), default);

        var expected = (translated["Resources"] as JsonObject)!.Select(r => r.Key).Order(StringComparer.Ordinal);
        Assert.Equal(expected, cloud.Stack.Resources.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task State_machines_get_local_arns_for_their_substitutions()
    {
        foreach (var resource in cloud.Stack.Resources.Values.Where(r => r.Type == "AWS::StepFunctions::StateMachine"))
        {
            var described = await Aws.CallAsync(AwsService.StepFunctions, "DescribeStateMachine", new JsonObject { ["stateMachineArn"] = resource.PhysicalId });
            var definition = described["definition"]!.GetValue<string>();

            Assert.DoesNotContain("${", definition, StringComparison.Ordinal);
            foreach (var function in cloud.Stack.Functions.Where(f => definition.Contains(f.Name, StringComparison.Ordinal)))
            {
                Assert.Contains(function.Arn, definition, StringComparison.Ordinal);
            }
        }

        var workflow = await Aws.CallAsync(AwsService.StepFunctions, "DescribeStateMachine", new JsonObject
        {
            ["stateMachineArn"] = cloud.Stack.StateMachineArn("ThrottlingResponseStateMachine"),
        });
        var normalize = Assert.Single(cloud.Stack.Functions, f => f.Handler == "NormalizeTrigger");
        Assert.Contains(normalize.Arn, workflow["definition"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_carry_the_template_policies()
    {
        var roles = cloud.Stack.Resources.Values.Where(r => r.Type == "AWS::IAM::Role").ToList();
        Assert.NotEmpty(roles);
        var workflowRole = cloud.Stack.Resource("ThrottlingResponseStateMachineRole").PhysicalId;

        var role = await Aws.CallAsync(AwsService.Iam, "GetRole", new JsonObject { ["RoleName"] = workflowRole });
        var inline = await Aws.CallAsync(AwsService.Iam, "ListRolePolicies", new JsonObject { ["RoleName"] = workflowRole });

        Assert.Contains("states.amazonaws.com", role["Role"]!["AssumeRolePolicyDocument"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(inline["PolicyNames"]!.AsArray());
    }

    [Fact]
    public async Task The_query_results_bucket_is_encrypted_private_and_expiring()
    {
        var bucket = cloud.Stack.Resource("QueryResultsBucket").PhysicalId;
        JsonObject Bucket() => new() { ["Bucket"] = bucket };

        var encryption = await Aws.CallAsync(AwsService.S3, "GetBucketEncryption", Bucket());
        var block = await Aws.CallAsync(AwsService.S3, "GetPublicAccessBlock", Bucket());
        var lifecycle = await Aws.CallAsync(AwsService.S3, "GetBucketLifecycleConfiguration", Bucket());
        var ownership = await Aws.CallAsync(AwsService.S3, "GetBucketOwnershipControls", Bucket());
        var policy = await Aws.CallAsync(AwsService.S3, "GetBucketPolicy", Bucket());

        var rule = encryption["ServerSideEncryptionConfiguration"]!["Rules"]![0]!;
        Assert.Equal("AES256", rule["ApplyServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>());
        Assert.True(rule["BucketKeyEnabled"]!.GetValue<bool>());
        Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"],
            setting => Assert.True(block["PublicAccessBlockConfiguration"]![setting]!.GetValue<bool>()));
        var expiry = lifecycle["Rules"]![0]!;
        Assert.Equal("results/", expiry["Filter"]!["Prefix"]!.GetValue<string>());
        Assert.Equal(cloud.Stack.Parameters["QueryResultRetentionDays"], expiry["Expiration"]!["Days"]!.GetValue<string>());
        Assert.Equal("BucketOwnerEnforced", ownership["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]!.GetValue<string>());
        Assert.Contains("aws:SecureTransport", policy["Policy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"arn:aws:s3:::{bucket}", cloud.Stack.Resource("QueryResultsBucket").Attribute("Arn"));
    }

    [Fact]
    public void The_alarm_rule_is_deployed_with_its_pattern_and_target()
    {
        // The stack's other rules: the reconcile schedule, the break-glass stopped-run rule, the sweeper's and the tuning schedule.
        Assert.Equal(
            ["AlarmReconcileStateMachineReconcile", "BreakGlassRevokeStateMachineBreakGlassRunEnded", "BreakGlassSweeperStateMachineSweep", "PostureStateMachineCheck", "ThresholdTuningStateMachineTune", "ThrottlingResponseStateMachineManagedAlarmEntersAlarm"],
            cloud.Stack.Rules.Select(r => r.LogicalId).Order(StringComparer.Ordinal));
        var rule = Assert.Single(cloud.Stack.Rules, r => r.LogicalId == "ThrottlingResponseStateMachineManagedAlarmEntersAlarm");

        Assert.True(rule.Enabled);
        Assert.Equal(cloud.Stack.StateMachineArn("ThrottlingResponseStateMachine"), Assert.Single(rule.Targets).Arn);
        Assert.Equal(cloud.Stack.Parameters["AlarmNamePrefix"], rule.Pattern!["detail"]!["alarmName"]![0]!["prefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_parameter_override_outside_the_allowed_values_fails_the_deploy()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            cloud.Sandbox.DeployAsync(new Dictionary<string, string> { ["AlarmTriggeredDryRun"] = "maybe" }));

        Assert.Contains("AlarmTriggeredDryRun", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameter_overrides_get_their_own_stack_and_reach_the_functions()
    {
        var stack = await cloud.Sandbox.DeployAsync(new Dictionary<string, string> { ["AlarmTriggeredDryRun"] = "false" });
        var acting = Assert.Single(stack.Functions, f => f.Handler == "NormalizeTrigger");
        var alarmEvent = await File.ReadAllTextAsync(Automation.Tests.Shared.RepoPaths.Event("NormalizeTrigger", "gsi-alarm.json"));

        var fromOverride = await cloud.Sandbox.Router.Functions.InvokeAsync(acting, alarmEvent, default);
        var fromDefault = await cloud.Sandbox.Router.Functions.InvokeAsync(
            Assert.Single(cloud.Stack.Functions, f => f.Handler == "NormalizeTrigger"), alarmEvent, default);

        Assert.NotEqual(cloud.Stack.Name, stack.Name);
        Assert.False(JsonNode.Parse(fromOverride.Output!)!["trigger"]!["dryRun"]!.GetValue<bool>());
        Assert.True(JsonNode.Parse(fromDefault.Output!)!["trigger"]!["dryRun"]!.GetValue<bool>());
    }
}
