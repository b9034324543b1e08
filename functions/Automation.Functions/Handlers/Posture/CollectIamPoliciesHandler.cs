using System.Text.Json;

using Automation.Core.Posture;
using Automation.Functions.Contracts.Posture;

namespace Automation.Functions.Handlers.Posture;

/// <summary>
/// <c>CollectIamPolicies</c>: adds one GetAccountAuthorizationDetails page to what was collected: every inline policy
/// of a user, group or role (id <c>role/&lt;name&gt;/inline/&lt;policy&gt;</c>, attached to its principal), every customer
/// managed policy's default version (id = its ARN; moto omits PolicyName, so the ARN is all it needs) and every
/// attachment. Managed policies are attached to the principals whose <c>AttachedManagedPolicies</c> name them, on any
/// page; an attached policy no page carries (AWS managed: the ASL's Filter leaves their thousand documents out) is listed
/// for the ASL to fetch. Documents are decoded (IAM returns them URL-encoded; the aws-sdk integration may give an
/// object). Keeps the state small: no dates, no trust policies. Deciding is the analyzer's (EvaluatePosture).
/// </summary>
public sealed partial class CollectIamPoliciesHandler(StepServices services)
    : StepHandler<CollectIamPoliciesInput, CollectIamPoliciesOutput>(services)
{
    public const string StepName = "CollectIamPolicies";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<CollectIamPoliciesOutput> RunAsync(CollectIamPoliciesInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        IamCollected collected = Collect(input.Collected, input.Page ?? new IamAuthorizationPage());
        string? marker = input.Page?.IsTruncated == true && !string.IsNullOrEmpty(input.Page.Marker) ? input.Page.Marker : null;
        LogCollected(collected.Policies.Count, collected.Attachments.Count, collected.AwsManaged.Count, marker is not null);
        return Task.FromResult(new CollectIamPoliciesOutput(collected, marker, marker is not null));
    }

    /// <summary>The page merged into <paramref name="before"/>; managed policies' AttachedTo recomputed from every attachment.</summary>
    public static IamCollected Collect(IamCollected? before, IamAuthorizationPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var policies = new Dictionary<string, IamPolicyFact>(StringComparer.Ordinal);
        foreach (IamPolicyFact p in before?.Policies ?? [])
        {
            policies[p.PolicyId] = p;
        }

        var attachments = new List<IamAttachment>(before?.Attachments ?? []);
        void Principals(IReadOnlyList<RawIamPrincipal>? list, string kind, string field, Func<RawIamPrincipal, string?> name, Func<RawIamPrincipal, IReadOnlyList<RawInlinePolicy>?> inline)
        {
            for (int i = 0; i < (list?.Count ?? 0); i++)
            {
                RawIamPrincipal principal = list![i] ?? throw InputError.Field($"page.{field}[{i}]", "is null");
                string who = principal.Arn ?? name(principal) ?? throw InputError.Field($"page.{field}[{i}].Arn", "is required");
                string label = name(principal) ?? who;
                foreach (RawInlinePolicy p in inline(principal) ?? [])
                {
                    if (p?.PolicyDocument is { } doc && Document(doc) is { } text)
                    {
                        string id = $"{kind}/{label}/inline/{p.PolicyName ?? "?"}";
                        policies[id] = new IamPolicyFact(id, [who], text);
                    }
                }

                foreach (RawAttachedPolicy a in principal.AttachedManagedPolicies ?? [])
                {
                    if (a?.PolicyArn is { Length: > 0 } arn && !attachments.Contains(new IamAttachment(arn, who)))
                    {
                        attachments.Add(new IamAttachment(arn, who));
                    }
                }
            }
        }

        Principals(page.UserDetailList, "user", "UserDetailList", p => p.UserName, p => p.UserPolicyList);
        Principals(page.GroupDetailList, "group", "GroupDetailList", p => p.GroupName, p => p.GroupPolicyList);
        Principals(page.RoleDetailList, "role", "RoleDetailList", p => p.RoleName, p => p.RolePolicyList);
        for (int i = 0; i < (page.Policies?.Count ?? 0); i++)
        {
            RawManagedPolicy policy = page.Policies![i] ?? throw InputError.Field($"page.Policies[{i}]", "is null");
            string arn = policy.Arn is { Length: > 0 } a ? a : throw InputError.Field($"page.Policies[{i}].Arn", "is required");
            RawPolicyVersion? version = policy.PolicyVersionList?.FirstOrDefault(v => v?.IsDefaultVersion == true)
                ?? policy.PolicyVersionList?.FirstOrDefault(v => v is not null && v.VersionId == policy.DefaultVersionId);
            if (version?.Document is { } doc && Document(doc) is { } text)
            {
                policies[arn] = new IamPolicyFact(arn, [], text);
            }
        }

        IamPolicyFact[] all = [.. policies.Values
            .Select(p => p.PolicyId.StartsWith("arn:", StringComparison.Ordinal) ? p with { AttachedTo = AttachedTo(attachments, p.PolicyId) } : p)
            .OrderBy(p => p.PolicyId, StringComparer.Ordinal)];
        string[] awsManaged = [.. attachments.Select(a => a.PolicyArn).Distinct(StringComparer.Ordinal)
            .Where(arn => !policies.ContainsKey(arn)).Order(StringComparer.Ordinal)];
        return new IamCollected(all, attachments, awsManaged);
    }

    /// <summary>The principals a managed policy is attached to (ordinal).</summary>
    public static IReadOnlyList<string> AttachedTo(IEnumerable<IamAttachment> attachments, string policyArn) =>
        [.. attachments.Where(a => string.Equals(a.PolicyArn, policyArn, StringComparison.Ordinal)).Select(a => a.Principal).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>A policy document as JSON text: a string (URL-encoded or not) decoded, an object serialised; else null.</summary>
    public static string? Document(JsonElement document) => document.ValueKind switch
    {
        JsonValueKind.String when document.GetString() is { Length: > 0 } s => s.TrimStart().StartsWith('{') ? s : Uri.UnescapeDataString(s),
        JsonValueKind.Object => document.GetRawText(),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture IAM: {Policies} policy documents, {Attachments} attachments, {AwsManaged} AWS managed to fetch, more pages {More}")]
    private partial void LogCollected(int policies, int attachments, int awsManaged, bool more);
}
