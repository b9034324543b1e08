using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Scenarios;

/// <summary>Reads scenario files (.yaml, .yml, .json) and finds them by name under scenarios/.</summary>
public static class ScenarioLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Parses and validates a scenario file; errors name the file and the problem.</summary>
    public static Scenario Load(string path)
    {
        var document = ReadDocument(path);
        try
        {
            var scenario = Parse(document);
            return scenario with
            {
                Name = string.IsNullOrEmpty(scenario.Name) ? Path.GetFileNameWithoutExtension(path) : scenario.Name,
                SourcePath = Path.GetFullPath(path),
            };
        }
        catch (Exception error) when (error is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"{path}: {error.Message}", error);
        }
    }

    /// <summary>The file as a JSON tree (before ${...} expansion).</summary>
    public static JsonObject ReadDocument(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            var node = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
                ? JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                : YamlJson.Parse(text);
            return node as JsonObject ?? throw new FormatException($"{path}: a scenario must be a mapping at the top level.");
        }
        catch (Exception error) when (error is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new FormatException($"{path}: {error.Message}", error);
        }
    }

    public static Scenario Parse(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var scenario = document.Deserialize(ScenarioJsonContext.Default.Scenario)
                       ?? throw new FormatException("empty scenario");
        Validate(scenario);
        return scenario;
    }

    private static void Validate(Scenario scenario)
    {
        var trigger = scenario.Trigger;
        if (new object?[] { trigger.Alarm, trigger.Input, trigger.Access }.Count(t => t is not null) != 1)
        {
            throw new ArgumentException("trigger needs exactly one of 'alarm', 'input' or 'access'.");
        }

        if (trigger.Access is { } access)
        {
            ValidateAccess(access, "trigger.access", defaultRequestId: false);
            if (trigger.Delivery is not null || trigger.Deliveries != 1)
            {
                throw new ArgumentException("trigger.access takes no 'delivery' or 'deliveries': the access API starts the execution.");
            }
        }

        if (scenario.Expect.Response is { } response)
        {
            if (trigger.Access is null)
            {
                throw new ArgumentException("expect.response needs trigger.access (it is the access API's answer).");
            }

            ValidateResponseExpectation(response, "expect.response");
        }

        if (trigger.Delivery is not (null or "eventbridge" or "startExecution"))
        {
            throw new ArgumentException($"trigger.delivery must be 'eventbridge' or 'startExecution', not '{trigger.Delivery}'.");
        }

        if (trigger.Input is not null && trigger.Delivery == "eventbridge")
        {
            throw new ArgumentException("trigger.delivery 'eventbridge' needs an alarm; a manual input is started directly.");
        }

        if (trigger.Alarm is { Definition: null, Name: null })
        {
            throw new ArgumentException("trigger.alarm needs a 'definition' (PutMetricAlarm request) or the 'name' of an existing alarm.");
        }

        if (scenario.Expect.Delivered && scenario.Expect.Status is null && scenario.Expect.Response is null)
        {
            throw new ArgumentException("expect.status is required (SUCCEEDED, FAILED, ...), or expect.response with trigger.access.");
        }

        if (trigger.Deliveries < 1)
        {
            throw new ArgumentException($"trigger.deliveries must be at least 1, not {trigger.Deliveries}.");
        }

        foreach (var interaction in scenario.Interactions)
        {
            var where = $"interaction at state '{interaction.State}'";
            if (interaction.SendTaskSuccess is not null && interaction.SendTaskFailure is not null)
            {
                throw new ArgumentException($"{where} takes sendTaskSuccess or sendTaskFailure, not both.");
            }

            var answers = interaction.SendTaskSuccess is not null || interaction.SendTaskFailure is not null;
            if (!answers && interaction.Calls.Count == 0 && interaction.Access.Count == 0 && !interaction.Stop)
            {
                throw new ArgumentException($"{where} needs calls, sendTaskSuccess, sendTaskFailure, access or stop.");
            }

            if ((interaction.Access.Count > 0 || interaction.Stop) && (answers || interaction.Calls.Count > 0))
            {
                throw new ArgumentException($"{where}: access and stop do not mix with calls, sendTaskSuccess or sendTaskFailure (use separate interactions).");
            }

            if (interaction.Stop && interaction.Access.Count > 0)
            {
                throw new ArgumentException($"{where}: stop and access are separate interactions (the calls first, then one with stop).");
            }

            foreach (var call in interaction.Access)
            {
                ValidateAccess(call, $"{where}: access", defaultRequestId: scenario.Trigger.Access is not null);
            }

            if (interaction.ExpectResponse is { } expectation)
            {
                if (interaction.Access.Count != 1 || interaction.Access[0].ExpectResponse is not null)
                {
                    throw new ArgumentException($"{where}: expectResponse beside access needs exactly one access call (with several, give each its own expectResponse).");
                }

                ValidateResponseExpectation(expectation, $"{where}: expectResponse");
            }

            if (interaction.Concurrent && interaction.Access.Count < 2)
            {
                throw new ArgumentException($"{where}: concurrent needs at least two access calls.");
            }
        }

        foreach (var fault in scenario.Arrange.StepFaults)
        {
            if (string.IsNullOrWhiteSpace(fault.Function) || string.IsNullOrWhiteSpace(fault.Error))
            {
                throw new ArgumentException("arrange.stepFaults[] needs a function (logical id) and an error (errorType).");
            }

            if (fault.Times is < 1)
            {
                throw new ArgumentException($"arrange.stepFaults for '{fault.Function}': times must be at least 1 (omit it: every time).");
            }
        }

        foreach (var role in scenario.Arrange.Iam?.Roles ?? [])
        {
            if (role["RoleName"] is not JsonValue || role["AssumeRolePolicyDocument"] is null)
            {
                throw new ArgumentException("arrange.iam.roles[] needs RoleName and AssumeRolePolicyDocument (an IAM CreateRole request).");
            }

            if (role["inlinePolicies"] is { } policies and not JsonObject)
            {
                throw new ArgumentException($"arrange.iam.roles '{role["RoleName"]}': inlinePolicies is a mapping of policy name to document.");
            }
        }

        foreach (var expected in scenario.Expect.Executions)
        {
            if (string.IsNullOrWhiteSpace(expected.StateMachine))
            {
                throw new ArgumentException("expect.executions[] needs a stateMachine (logical id).");
            }
        }

        foreach (var generator in scenario.Arrange.Tables.SelectMany(t => t.Generate))
        {
            ItemGenerator.Validate(generator);
        }

        foreach (var fault in scenario.Arrange.Faults)
        {
            switch (fault.Service)
            {
                case "dynamodb" when fault.Table is null:
                    throw new ArgumentException("arrange.faults for dynamodb needs a table.");
                case "dynamodb" when fault.Operations.Count == 0:
                    throw new ArgumentException($"arrange.faults for table '{fault.Table}' needs at least one operation (e.g. UpdateTable).");
                case "dynamodb" when fault.Message is not null:
                    throw new ArgumentException($"arrange.faults for table '{fault.Table}': message is for service iam only.");
                case "iam" when fault.Table is not null:
                    throw new ArgumentException("arrange.faults for iam takes no table: it fails the named actions whatever they address.");
                case "iam" when fault.Operations.Count == 0:
                    throw new ArgumentException("arrange.faults for iam needs at least one operation (e.g. DeleteRolePolicy).");
                case "dynamodb" or "iam":
                    break;
                default:
                    throw new ArgumentException($"arrange.faults: service '{fault.Service}' is not supported (dynamodb or iam).");
            }
        }
    }

    private static void ValidateAccess(ScenarioAccessCall call, string where, bool defaultRequestId)
    {
        if (string.IsNullOrWhiteSpace(call.Action) || string.IsNullOrWhiteSpace(call.As))
        {
            throw new ArgumentException($"{where} needs an action and 'as' (the caller's IAM ARN).");
        }

        if (call.Action != "request" && string.IsNullOrEmpty(call.RequestId) && !defaultRequestId)
        {
            throw new ArgumentException($"{where}: action '{call.Action}' needs a requestId (only interactions default to the trigger's).");
        }

        if (call.ExpectResponse is { } expectation)
        {
            ValidateResponseExpectation(expectation, $"{where}: expectResponse");
        }
    }

    private static void ValidateResponseExpectation(Dictionary<string, JsonNode?> expectation, string where)
    {
        foreach (var key in expectation.Keys.Where(k => k is not ("status" or "error" or "cause") && !k.StartsWith('$')))
        {
            throw new ArgumentException($"{where}: '{key}' is not status, error, cause or a JSON path ($.field) into the body.");
        }
    }

    /// <summary>A path to a file, or the name of a scenario under <paramref name="scenariosRoot"/>
    /// (searched recursively, with or without extension).</summary>
    public static string Resolve(string pathOrName, string scenariosRoot)
    {
        ArgumentNullException.ThrowIfNull(pathOrName);
        if (File.Exists(pathOrName))
        {
            return Path.GetFullPath(pathOrName);
        }

        var matches = Catalog(scenariosRoot)
            .Where(p => Path.GetFileNameWithoutExtension(p) == pathOrName
                        || Path.GetRelativePath(scenariosRoot, p) == pathOrName
                        || Path.ChangeExtension(Path.GetRelativePath(scenariosRoot, p), null) == pathOrName)
            .ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new FileNotFoundException($"No scenario file or name '{pathOrName}' (see `list`; scenarios live in {scenariosRoot})."),
            _ => throw new ArgumentException($"'{pathOrName}' is ambiguous: {string.Join(", ", matches)}."),
        };
    }

    /// <summary>Every scenario file under a folder, sorted (README and other files ignored).</summary>
    public static IReadOnlyList<string> Catalog(string scenariosRoot) =>
        Directory.Exists(scenariosRoot)
            ? Directory.EnumerateFiles(scenariosRoot, "*", SearchOption.AllDirectories)
                .Where(p => Extensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
                .Where(p => !Path.GetRelativePath(scenariosRoot, p).Split(Path.DirectorySeparatorChar).Contains("runbooks", StringComparer.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
