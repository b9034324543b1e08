using Automation.Aws.Access;
using Automation.Core.Access;

namespace Automation.Functions.Aws;

/// <summary>
/// What the break-glass steps use, each created on first use: the access-requests store (ACCESS_REQUESTS_TABLE), the
/// IAM path of grant roles (BREAK_GLASS_ROLE_PATH, default <see cref="DefaultRolePath"/>) and the break-glass state
/// machine (BREAK_GLASS_STATE_MACHINE_ARN, for the execution ARN the access API answers with). A step that needs a
/// setting its function is not deployed with fails <c>InternalError</c> naming the variable.
/// </summary>
public sealed class AccessProvider(Func<IAccessRequestStore> store, Func<string> rolePath, Func<string> stateMachineArn)
{
    public const string RolePathVariable = "BREAK_GLASS_ROLE_PATH";
    public const string StateMachineVariable = "BREAK_GLASS_STATE_MACHINE_ARN";
    public const string DefaultRolePath = "/break-glass/";

    private readonly Lazy<IAccessRequestStore> _store = new(store);
    private readonly Lazy<string> _rolePath = new(rolePath);
    private readonly Lazy<string> _stateMachineArn = new(stateMachineArn);

    public IAccessRequestStore Store => _store.Value;

    public string RolePath => _rolePath.Value;

    public string StateMachineArn => _stateMachineArn.Value;

    /// <summary>The deployed configuration: environment variables and the shared DynamoDB client.</summary>
    public static AccessProvider FromEnvironment() => new(
        () => new DynamoDbAccessRequestStore(SharedDynamoDbClient.Instance, Required(DynamoDbAccessRequestStore.TableVariable, "the access-requests table")),
        () => Environment.GetEnvironmentVariable(RolePathVariable) is { Length: > 0 } path ? path.Trim() : DefaultRolePath,
        () => Required(StateMachineVariable, "the break-glass state machine"));

    /// <summary>Over the given store (tests, the local cloud).</summary>
    public static AccessProvider For(IAccessRequestStore store, string stateMachineArn, string rolePath = DefaultRolePath) =>
        new(() => store, () => rolePath, () => stateMachineArn);

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value.Trim()
            : throw new AutomationException(ErrorTypes.InternalError, $"{variable} is not set: the function's environment must name {what} (template.yaml).");
}
