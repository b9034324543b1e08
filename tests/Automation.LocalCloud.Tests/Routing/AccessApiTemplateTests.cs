using System.Text.RegularExpressions;
using Automation.LocalCloud.Routing;
using Automation.Tests.Shared;

namespace Automation.LocalCloud.Tests.Routing;

/// <summary>
/// The local cloud serves the access API itself (moto never invokes API Gateway); what it serves must be what
/// template.yaml deploys: the same routes, the same caller identity in the input, the same error → HTTP status
/// mapping in the response templates. Read from the template's text, so a change on either side fails here.
/// </summary>
public sealed partial class AccessApiTemplateTests
{
    private static readonly string Template = File.ReadAllText(RepoPaths.Combine("template.yaml"));

    private static string AccessApi => Template[Template.IndexOf("  AccessApi:\n", StringComparison.Ordinal)..Template.IndexOf("  AccessApiDeployment:", StringComparison.Ordinal)];

    [GeneratedRegex(@"^          (/requests[^:]*):\n            (get|post):", RegexOptions.Multiline)]
    private static partial Regex PathAndMethod();

    [GeneratedRegex(@"\$r\.error == ""(?<error>[A-Za-z]+)""|responseOverride\.status = (?<status>\d+)\)")]
    private static partial Regex ErrorOrStatus();

    [Fact]
    public void The_template_deploys_exactly_the_routes_the_local_cloud_serves()
    {
        var deployed = PathAndMethod().Matches(AccessApi).Select(m => $"{m.Groups[2].Value.ToUpperInvariant()} {m.Groups[1].Value}").Order(StringComparer.Ordinal);
        var served = AccessApiContract.Routes.Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal);

        Assert.Equal(served, deployed);
    }

    [Fact]
    public void Every_route_passes_the_SigV4_caller_and_never_a_body_field_as_the_identity()
    {
        int templates = Regex.Count(AccessApi, "requestTemplates:");

        Assert.Equal(AccessApiContract.Routes.Count, templates);
        Assert.Equal(templates, Regex.Count(AccessApi, Regex.Escape(@"\""arn\"": \""$callerArn\""")));
        Assert.Equal(templates, Regex.Count(AccessApi, Regex.Escape("#set($callerArn = $util.escapeJavaScript($util.escapeJavaScript($context.identity.userArn)")));
        Assert.Equal(templates, Regex.Count(AccessApi, Regex.Escape("x-amazon-apigateway-integration:")));
        Assert.Equal(templates, Regex.Count(AccessApi, Regex.Escape("security: [{sigv4: []}]")));
        Assert.Contains("x-amazon-apigateway-authtype: awsSigv4", AccessApi, StringComparison.Ordinal);
    }

    [Fact]
    public void The_response_templates_map_errors_to_the_statuses_the_local_cloud_answers_with()
    {
        var lines = AccessApi.Split('\n').Where(l => l.Contains("$r.error ==", StringComparison.Ordinal)).ToList();
        Assert.Equal(AccessApiContract.Routes.Count, lines.Count);
        foreach (string line in lines)
        {
            var mapping = new Dictionary<string, int>(StringComparer.Ordinal);
            var pending = new List<string>();
            int? unmapped = null;
            foreach (Match m in ErrorOrStatus().Matches(line))
            {
                if (m.Groups["error"].Success)
                {
                    pending.Add(m.Groups["error"].Value);
                    continue;
                }

                int status = int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (pending.Count == 0)
                {
                    unmapped = status;
                }

                pending.ForEach(e => mapping[e] = status);
                pending.Clear();
            }

            Assert.Equal(AccessApiContract.ErrorStatus.OrderBy(kv => kv.Key, StringComparer.Ordinal), mapping.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            Assert.Equal(AccessApiContract.UnmappedErrorStatus, unmapped);
        }
    }

    [Fact]
    public void The_local_cloud_knows_every_action_the_step_handles()
    {
        Assert.Equal(Functions.Handlers.BreakGlass.HandleAccessActionHandler.Actions, AccessApiContract.Actions);
    }
}
