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
        if ((trigger.Alarm is null) == (trigger.Input is null))
        {
            throw new ArgumentException("trigger needs exactly one of 'alarm' or 'input'.");
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

        if (scenario.Expect.Delivered && scenario.Expect.Status is null)
        {
            throw new ArgumentException("expect.status is required (SUCCEEDED, FAILED, ...).");
        }

        if (trigger.Deliveries < 1)
        {
            throw new ArgumentException($"trigger.deliveries must be at least 1, not {trigger.Deliveries}.");
        }

        foreach (var interaction in scenario.Interactions)
        {
            if (interaction.SendTaskSuccess is not null && interaction.SendTaskFailure is not null)
            {
                throw new ArgumentException($"interaction at state '{interaction.State}' takes sendTaskSuccess or sendTaskFailure, not both.");
            }

            if (interaction.SendTaskSuccess is null && interaction.SendTaskFailure is null && interaction.Calls.Count == 0)
            {
                throw new ArgumentException($"interaction at state '{interaction.State}' needs calls, sendTaskSuccess or sendTaskFailure.");
            }
        }

        foreach (var generator in scenario.Arrange.Tables.SelectMany(t => t.Generate))
        {
            ItemGenerator.Validate(generator);
        }

        foreach (var fault in scenario.Arrange.Faults.Where(f => f.Operations.Count == 0))
        {
            throw new ArgumentException($"arrange.faults for table '{fault.Table}' needs at least one operation (e.g. UpdateTable).");
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
