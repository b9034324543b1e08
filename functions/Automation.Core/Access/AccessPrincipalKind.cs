namespace Automation.Core.Access;

/// <summary>The kinds of IAM identity that may request or approve break-glass access.</summary>
public enum AccessPrincipalKind
{
    /// <summary><c>arn:&lt;partition&gt;:iam::&lt;account&gt;:user/&lt;path/&gt;&lt;name&gt;</c>.</summary>
    User,

    /// <summary><c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;path/&gt;&lt;name&gt;</c>.</summary>
    Role,

    /// <summary><c>arn:&lt;partition&gt;:sts::&lt;account&gt;:assumed-role/&lt;role&gt;/&lt;session&gt;</c>: a session of a role.</summary>
    AssumedRole,
}
