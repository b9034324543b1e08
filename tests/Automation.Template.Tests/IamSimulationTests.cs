using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// What each role of the translated template may and may not do, evaluated by an IAM policy
/// simulator against iam-expectations.yaml. Every role must be listed there, so a new role cannot
/// ship without someone writing down what it is for and what it must never do.
/// </summary>
public sealed class IamSimulationTests(IamSimulationFixture fixture) : IClassFixture<IamSimulationFixture>
{
    [Fact]
    public void Every_role_has_allowed_and_denied_expectations()
    {
        string[] problems = TemplateBundle.Current.Roles
            .Select(role => (role.LogicalId, Expected: fixture.Expectations.Roles.GetValueOrDefault(role.LogicalId)))
            .Where(r => r.Expected is not { Allowed.Count: > 0, Denied.Count: > 0 })
            .Select(r => $"{r.LogicalId} (assumed by {string.Join(", ", TemplateBundle.Current.Roles.First(x => x.LogicalId == r.LogicalId).AssumedBy)}): "
                + (r.Expected is null ? "missing from iam-expectations.yaml" : "needs at least one allowed and one denied request"))
            .ToArray();

        Problems.AssertNone(problems, "Roles without IAM expectations");
    }

    [Fact]
    public void Expectations_name_roles_of_the_template()
    {
        HashSet<string> roles = TemplateBundle.Current.Roles.Select(r => r.LogicalId).ToHashSet();
        string[] problems = fixture.Expectations.Roles.Keys
            .Where(id => !roles.Contains(id))
            .Select(id => $"{id}: no such AWS::IAM::Role in the translated template (renamed or removed?)")
            .ToArray();

        Problems.AssertNone(problems, "Stale entries in iam-expectations.yaml");
    }

    [Fact]
    public void Expectations_are_simulated_as_written()
    {
        List<string> problems = [.. fixture.SetupProblems];
        foreach (SimulationResult result in fixture.Results)
        {
            IamRequest request = fixture.Requests[result.Id].Request;
            if (result.Error is not null)
            {
                problems.Add($"{result.Id} ({request}): the simulator rejected the request: {result.Error}");
            }

            if (result.IgnoredContextKeys.Count > 0)
            {
                problems.Add($"{result.Id} ({request}): context keys {string.Join(", ", result.IgnoredContextKeys)} "
                    + $"do not apply to {result.Action}, so the expectation does not test them");
            }
        }

        Problems.AssertNone(problems, "iam-expectations.yaml entries that cannot be evaluated");
    }

    [Fact]
    public void Allowed_requests_are_allowed() => AssertVerdicts("Allowed", r => r == "Allowed");

    [Fact]
    public void Denied_requests_are_denied() => AssertVerdicts("Denied", r => r is "ImplicitlyDenied" or "ExplicitlyDenied");

    private void AssertVerdicts(string expect, Func<string, bool> isExpected)
    {
        string[] problems = fixture.Results
            .Where(r => r.Error is null && fixture.Requests[r.Id].Expect == expect && !isExpected(r.Result))
            .Select(r =>
            {
                (string role, _, IamRequest request) = fixture.Requests[r.Id];
                string action = r.Action == request.Action ? "" : $" [{r.Action}]";
                string why = request.Why is null ? "" : $" ({request.Why})";
                return $"{role}: {request}{action} should be {expect}{why}, simulator says {r.Result}";
            })
            .ToArray();

        Assert.True(fixture.Results.Any(r => fixture.Requests[r.Id].Expect == expect), $"No {expect} request was simulated.");
        Problems.AssertNone(problems, $"Requests that should be {expect}");
    }
}
