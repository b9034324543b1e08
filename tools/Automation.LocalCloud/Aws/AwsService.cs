namespace Automation.LocalCloud.Aws;

/// <summary>How to address one AWS service over HTTP: its wire protocol and names.</summary>
/// <param name="Name">Short name used in scenario files (<c>dynamodb</c>, <c>iam</c>, ...).</param>
/// <param name="SigningName">Credential-scope service name; moto routes requests on it.</param>
/// <param name="TargetPrefix">JSON protocols: the <c>X-Amz-Target</c> prefix.</param>
/// <param name="JsonVersion">JSON protocols: <c>1.0</c> or <c>1.1</c>; null for the query protocol.</param>
/// <param name="QueryVersion">Query protocol: the API <c>Version</c> parameter; null with a null JsonVersion: REST-XML (S3).</param>
public sealed record AwsService(string Name, string SigningName, string? TargetPrefix, string? JsonVersion, string? QueryVersion)
{
    public static readonly AwsService DynamoDb = new("dynamodb", "dynamodb", "DynamoDB_20120810", "1.0", null);
    public static readonly AwsService StepFunctions = new("stepfunctions", "states", "AWSStepFunctions", "1.0", null);
    public static readonly AwsService CloudWatch = new("cloudwatch", "monitoring", "GraniteServiceVersion20100801", "1.0", null);
    public static readonly AwsService EventBridge = new("events", "events", "AWSEvents", "1.1", null);
    public static readonly AwsService Logs = new("logs", "logs", "Logs_20140328", "1.1", null);
    public static readonly AwsService Sqs = new("sqs", "sqs", "AmazonSQS", "1.0", null);
    public static readonly AwsService Iam = new("iam", "iam", null, null, "2010-05-08");
    public static readonly AwsService Sns = new("sns", "sns", null, null, "2010-03-31");
    public static readonly AwsService ApplicationAutoScaling = new("application-autoscaling", "application-autoscaling", "AnyScaleFrontendService", "1.1", null);

    /// <summary>REST-XML, path-style; the actions <see cref="S3Rest"/> knows.</summary>
    public static readonly AwsService S3 = new("s3", "s3", null, null, null);

    public static IReadOnlyList<AwsService> All { get; } = [DynamoDb, StepFunctions, CloudWatch, EventBridge, Logs, Sqs, Iam, Sns, S3, ApplicationAutoScaling];

    public bool IsJson => JsonVersion is not null;

    /// <summary>Neither JSON nor query protocol: S3's REST-XML.</summary>
    public bool IsRestXml => JsonVersion is null && QueryVersion is null;

    /// <summary>Finds a service by its scenario name (also accepts the signing name, e.g. <c>states</c>).</summary>
    public static AwsService Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
                                || string.Equals(s.SigningName, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown service '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));
}
