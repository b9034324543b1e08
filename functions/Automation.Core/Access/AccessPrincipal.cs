using System.Text.RegularExpressions;

namespace Automation.Core.Access;

/// <summary>
/// A parsed requester or approver ARN: an IAM user, a role, or an STS assumed-role session (what API Gateway's
/// <c>AWS_IAM</c> authorizer gives as <c>$context.identity.userArn</c>). Anything else (the account root, federated
/// users, service principals, other services' ARNs) does not parse.
/// </summary>
/// <param name="Arn">The ARN as given.</param>
/// <param name="Partition">e.g. <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>.</param>
/// <param name="AccountId">The 12-digit account.</param>
/// <param name="Kind">User, role or assumed-role session.</param>
/// <param name="Path">The user's or role's path (<c>/</c> when none; an assumed-role ARN carries none: <c>/</c>).</param>
/// <param name="Name">The user's or role's name.</param>
/// <param name="Session">The session name of an assumed-role session, else null.</param>
public sealed partial record AccessPrincipal(
    string Arn, string Partition, string AccountId, AccessPrincipalKind Kind, string Path, string Name, string? Session)
{
    /// <summary>What a requester or approver must look like, for messages.</summary>
    public const string Rule =
        "an IAM user, role or assumed-role session ARN: arn:<partition>:iam::<12 digits>:user/<path/name>, arn:<partition>:iam::<12 digits>:role/<path/name> or arn:<partition>:sts::<12 digits>:assumed-role/<role>/<session>";

    /// <summary>The ARN parsed, or null when it is not one of the three kinds.</summary>
    public static AccessPrincipal? TryParse(string? arn)
    {
        if (string.IsNullOrEmpty(arn) || arn.Length > 2048)
        {
            return null;
        }

        Match iam = IamArn().Match(arn);
        if (iam.Success)
        {
            string path = iam.Groups["path"].Value;
            return new AccessPrincipal(arn, iam.Groups["partition"].Value, iam.Groups["account"].Value,
                iam.Groups["kind"].Value == "user" ? AccessPrincipalKind.User : AccessPrincipalKind.Role,
                "/" + path, iam.Groups["name"].Value, null);
        }

        Match sts = AssumedRoleArn().Match(arn);
        return sts.Success
            ? new AccessPrincipal(arn, sts.Groups["partition"].Value, sts.Groups["account"].Value, AccessPrincipalKind.AssumedRole,
                "/", sts.Groups["role"].Value, sts.Groups["session"].Value)
            : null;
    }

    /// <summary>
    /// The role ARN a trust policy names for this principal: the role itself, or the role of an assumed-role session
    /// (without path: an assumed-role ARN does not carry it). Null for a user.
    /// </summary>
    public string? RoleArn => Kind switch
    {
        AccessPrincipalKind.Role => Arn,
        AccessPrincipalKind.AssumedRole => $"arn:{Partition}:iam::{AccountId}:role/{Name}",
        _ => null,
    };

    /// <summary>
    /// Is <paramref name="other"/> the same person? The same IAM user; the same session (role and session name) of a
    /// role; and, since a role ARN stands for everyone who may assume it, a role and any session of it. Names are compared
    /// ignoring case (IAM names are unique regardless of case), so the answer errs towards "same".
    /// </summary>
    public bool IsSamePersonAs(AccessPrincipal other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Partition, other.Partition, StringComparison.Ordinal) || !string.Equals(AccountId, other.AccountId, StringComparison.Ordinal))
        {
            return false;
        }

        bool sameName = string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);
        return (Kind, other.Kind) switch
        {
            (AccessPrincipalKind.User, AccessPrincipalKind.User) => sameName,
            (AccessPrincipalKind.User, _) or (_, AccessPrincipalKind.User) => false,
            (AccessPrincipalKind.AssumedRole, AccessPrincipalKind.AssumedRole) => sameName && string.Equals(Session, other.Session, StringComparison.OrdinalIgnoreCase),
            _ => sameName,
        };
    }

    [GeneratedRegex(@"^arn:(?<partition>aws(?:-[a-z]+)*):iam::(?<account>[0-9]{12}):(?<kind>user|role)/(?<path>(?:[A-Za-z0-9_+=,.@-]+/){0,32})(?<name>[A-Za-z0-9_+=,.@-]{1,64})$", RegexOptions.CultureInvariant)]
    private static partial Regex IamArn();

    [GeneratedRegex(@"^arn:(?<partition>aws(?:-[a-z]+)*):sts::(?<account>[0-9]{12}):assumed-role/(?<role>[A-Za-z0-9_+=,.@-]{1,64})/(?<session>[A-Za-z0-9_+=,.@-]{2,64})$", RegexOptions.CultureInvariant)]
    private static partial Regex AssumedRoleArn();
}
