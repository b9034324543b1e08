namespace Automation.LocalCloud.Aws;

/// <summary>The account and region everything in the local cloud lives in (moto's defaults).</summary>
public static class LocalAccount
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string Partition = "aws";

    /// <summary>moto accepts any credentials; these are what the SDKs and the CLI are given.</summary>
    public const string AccessKeyId = "localcloud";
    public const string SecretAccessKey = "localcloud";

    public static string Arn(string service, string resource) =>
        $"arn:{Partition}:{service}:{Region}:{AccountId}:{resource}";

    public static string GlobalArn(string service, string resource) =>
        $"arn:{Partition}:{service}::{AccountId}:{resource}";
}
