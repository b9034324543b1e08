using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>The translated template's policy statements, the allow-list, and (one node run) what AWS
/// says about every action the wildcard rules need to judge, including the control statements.</summary>
public sealed class LeastPrivilegeFixture
{
    public LeastPrivilegeFixture()
    {
        AllowList = LeastPrivilegeAllowList.Load();
        Statements = PolicyStatement.In(TemplateBundle.Current.Translated).ToArray();
        ControlStatements = PolicyStatement.In(ControlTemplate()).ToArray();
        IEnumerable<string> actions = LeastPrivilegeRules.WildcardResourceAllows(Statements.Concat(ControlStatements))
            .SelectMany(s => s.Actions)
            .Concat(AllowList.WildcardResourceActions.Select(a => a.Action));
        ActionFacts = ActionResourceTypes.For(actions);
    }

    public LeastPrivilegeAllowList AllowList { get; }

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Statements each rule must reject.</summary>
    public IReadOnlyList<PolicyStatement> ControlStatements { get; }

    public IReadOnlyDictionary<string, ActionResourceTypes> ActionFacts { get; }

    private static JsonObject ControlTemplate() => JsonNode.Parse("""
        {
          "Resources": {
            "ControlRole": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "Policies": [{
                  "PolicyName": "Broad",
                  "PolicyDocument": { "Statement": [
                    { "Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/T" },
                    { "Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/T" },
                    { "Effect": "Allow", "Action": "dynamodb:DescribeTable", "Resource": "*" },
                    { "Sid": "NoResourceLevelPermissionsClaimedWrongly", "Effect": "Allow", "Action": "dynamodb:UpdateTable", "Resource": "*" }
                  ]}
                }]
              }
            }
          }
        }
        """)!.AsObject();
}
