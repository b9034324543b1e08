using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Core.Errors;
using Automation.Functions.Tests.Host;
using Automation.LocalCloud.Scenarios.Expectations;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Handlers;

/// <summary>
/// One <c>events/&lt;workflow&gt;/&lt;Step&gt;/&lt;case&gt;.json</c> (a <c>sam local invoke</c> payload) and the
/// <c>&lt;case&gt;.expected.json</c> next to it:
/// <list type="bullet">
/// <item><c>given</c>: fixtures (paths under events/) that run first, e.g. the OpenIncident that creates the incident.</item>
/// <item><c>now</c>: the clock (default <see cref="DefaultNow"/>).</item>
/// <item><c>error</c>: <c>{errorType, field}</c>: the step must fail so and no table may change; for bad input (InvalidInput, InvalidTrigger) the message must name the field.</item>
/// <item><c>output</c>: JSON path → value or matcher (the scenario dialect: <c>$regex</c>, <c>$length</c>, <c>$keys</c>, ...).</item>
/// <item><c>metricBatches</c>: how many EMF batches the step publishes.</item>
/// </list>
/// </summary>
/// <param name="Name"><c>Step/case.json</c>.</param>
internal sealed record EventFixture(string Name, string Step, string Input, JsonObject Expected)
{
    /// <summary>The clock of a fixture without <c>now</c> (also what to give <c>AUTOMATION_CLOCK</c> to replay one).</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 21, 8, 15, 43, TimeSpan.Zero);

    private static readonly string[] Fields = ["given", "now", "error", "output", "metricBatches"];

    public DateTimeOffset Now => Expected["now"] is { } now ? DateTimeOffset.Parse(now.GetValue<string>(), CultureInfo.InvariantCulture) : DefaultNow;

    /// <summary>The <c>given</c> fixtures as <c>(step, payload)</c>, in order.</summary>
    public IEnumerable<(string Step, string Input)> Given =>
        (Expected["given"]?.AsArray() ?? []).Select(given =>
        {
            string[] parts = given!.GetValue<string>().Split('/');
            return (parts[1], File.ReadAllText(RepoPaths.Combine(["events", .. parts])));
        });

    public JsonObject? Error => Expected["error"] as JsonObject;

    /// <summary>Every step of the catalog, in order.</summary>
    public static IReadOnlyList<string> Steps() => [.. StoreFreeCatalog.Create().Keys.Order(StringComparer.Ordinal)];

    /// <summary>Every fixture of <paramref name="step"/>, as <c>Step/case.json</c>.</summary>
    public static IEnumerable<string> Names(string step) => RepoPaths.EventFiles(step).Select(file => step + "/" + Path.GetFileName(file));

    /// <summary>The fixture and its expected outcome; an unknown field in the outcome fails.</summary>
    public static EventFixture Load(string name)
    {
        string path = RepoPaths.Event(name);
        var expected = JsonNode.Parse(File.ReadAllText(path[..^".json".Length] + ".expected.json"))!.AsObject();
        foreach (var (field, _) in expected)
        {
            Assert.True(Fields.Contains(field), $"{name}: unknown field '{field}' in its expected outcome (allowed: {string.Join(", ", Fields)}).");
        }

        return new EventFixture(name, name.Split('/')[0], File.ReadAllText(path), expected);
    }
}

/// <summary>What running a fixture's payload through its step gave: in-process, or through the published bootstrap.</summary>
internal abstract record FixtureOutcome
{
    /// <param name="MetricBatches">EMF batches the step published; null when not observed.</param>
    public sealed record Succeeded(string OutputJson, int? MetricBatches) : FixtureOutcome;

    /// <param name="Field">The failing field, when the runner sees it (in-process); the bootstrap only posts type and message.</param>
    /// <param name="TablesChanged">Whether any table differs from before the step ran.</param>
    public sealed record Failed(string ErrorType, string ErrorMessage, string? Field, bool TablesChanged) : FixtureOutcome;
}

/// <summary>
/// Checks an outcome against the fixture's <c>.expected.json</c> (see <see cref="EventFixture"/>): one judge for the
/// in-process fixture test (<see cref="EventFixtureTests"/>) and the bootstrap's (<see cref="BootstrapEventFixtureTests"/>).
/// </summary>
internal static class EventExpectations
{
    /// <summary>Every way <paramref name="outcome"/> differs from what <paramref name="fixture"/> expects; empty when it matches.</summary>
    public static IReadOnlyList<string> Problems(EventFixture fixture, FixtureOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var problems = new List<string>();
        string file = Path.GetFileName(fixture.Name);
        if (fixture.Error is { } error)
        {
            if (fixture.Expected["output"] is not null)
            {
                problems.Add("the expected outcome has both 'error' and 'output'.");
            }

            ErrorProblems(error, outcome, problems);
            return problems;
        }

        if (file.StartsWith("invalid-", StringComparison.Ordinal))
        {
            problems.Add("named invalid-* but its expected outcome is a success.");
        }

        if (fixture.Expected["output"] is not JsonObject expectations)
        {
            problems.Add("the expected outcome has neither 'error' nor an 'output' object.");
            return problems;
        }

        if (file.StartsWith("not-actionable-", StringComparison.Ordinal) && expectations["$.actionable"]?.GetValue<bool>() != false)
        {
            problems.Add("named not-actionable-* but its expected output does not say \"$.actionable\": false.");
        }

        if (outcome is FixtureOutcome.Failed failed)
        {
            problems.Add($"expected a success, got {failed.ErrorType}: {failed.ErrorMessage}");
            return problems;
        }

        var succeeded = (FixtureOutcome.Succeeded)outcome;
        var output = JsonNode.Parse(succeeded.OutputJson);
        foreach (var (name, _) in output as JsonObject ?? [])
        {
            if (!char.IsLower(name[0]))
            {
                problems.Add($"output property '{name}' is not camelCase.");
            }
        }

        foreach (var (jsonPath, value) in expectations)
        {
            var (found, actual) = JsonPath.Select(output, jsonPath);
            if (ValueMatcher.Mismatch(found, actual, value) is { } mismatch)
            {
                problems.Add($"{jsonPath}: {mismatch}");
            }
        }

        if (fixture.Expected["metricBatches"] is { } batches && succeeded.MetricBatches is { } published && published != batches.GetValue<int>())
        {
            problems.Add($"metricBatches: expected {batches.GetValue<int>()}, published {published}.");
        }

        return problems;
    }

    private static void ErrorProblems(JsonObject error, FixtureOutcome outcome, List<string> problems)
    {
        string errorType = error["errorType"]!.GetValue<string>();
        string field = error["field"]!.GetValue<string>();
        if (outcome is not FixtureOutcome.Failed failed)
        {
            problems.Add($"expected {errorType} on {field}, got the output {((FixtureOutcome.Succeeded)outcome).OutputJson}");
            return;
        }

        if (failed.ErrorType != errorType)
        {
            problems.Add($"errorType: expected {errorType}, got {failed.ErrorType} ({failed.ErrorMessage}).");
        }

        if (failed.Field is not null && failed.Field != field)
        {
            problems.Add($"field: expected {field}, got {failed.Field}.");
        }

        // Bad input: the message itself (which becomes the execution's cause) names the field.
        if (failed.ErrorType is ErrorTypes.InvalidInput or ErrorTypes.InvalidTrigger && !failed.ErrorMessage.Contains(field.TrimStart('$', '.'), StringComparison.Ordinal))
        {
            problems.Add($"the message does not name {field}: {failed.ErrorMessage}");
        }

        if (failed.TablesChanged)
        {
            problems.Add("a table changed although the step failed.");
        }
    }
}
