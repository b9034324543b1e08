using Automation.Core.Posture;

namespace Automation.Core.Tests.Posture;

internal static class PostureSamples
{
    public const string Arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders";

    public static TablePostureFacts Healthy(string table = "Orders") => new(
        table,
        "arn:aws:dynamodb:eu-west-1:123456789012:table/" + table,
        "orders",
        PointInTimeRecoveryEnabled: true,
        DeletionProtectionEnabled: true,
        EncryptionKeyType.AwsOwned,
        Indexes: [],
        ContributorInsightsEnabled: true,
        ScalableTargets: [],
        HotKeyIncidentIds: [],
        ItemSizes: null);

    public static AccountPostureFacts Account(int tables = 10, IReadOnlyList<IamPolicyFact>? policies = null, IReadOnlyList<AlarmWatch>? alarms = null) =>
        new("eu-west-1", tables, policies ?? [], alarms ?? []);

    public static WatchedMetric Metric(string name, string table, string? index = null)
    {
        var dims = new Dictionary<string, string> { ["TableName"] = table };
        if (index is not null)
        {
            dims["GlobalSecondaryIndexName"] = index;
        }

        return new WatchedMetric("AWS/DynamoDB", name, dims);
    }

    public static IamPolicyFact Policy(string document, params string[] attachedTo) =>
        new("arn:aws:iam::123456789012:policy/app", attachedTo.Length == 0 ? ["arn:aws:iam::123456789012:role/app"] : attachedTo, document);

    public static string Statement(string actions, string resources, string? condition = null, string effect = "Allow") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Action":{{actions}},"Resource":{{resources}}{{(condition is null ? "" : ",\"Condition\":" + condition)}}}]}""";
}
