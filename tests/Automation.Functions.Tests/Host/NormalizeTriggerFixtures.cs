using Automation.Functions.Tests.Support;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// The <c>sam local invoke</c> payloads in <c>events/NormalizeTrigger/</c>, discovered at run time.
/// Naming convention: <c>invalid-*.json</c> must fail with InvalidTrigger; <c>not-actionable-*.json</c>
/// must answer <c>"actionable": false</c>; every other file answers <c>"actionable": true</c> with a
/// trigger naming its table.
/// </summary>
internal static class NormalizeTriggerFixtures
{
    public const string Handler = "NormalizeTrigger";

    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "events", Handler);

    public static IReadOnlyList<string> Names =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList()
            : [];

    public static bool IsInvalid(string name) => name.StartsWith("invalid-", StringComparison.Ordinal);

    public static bool IsNotActionable(string name) => name.StartsWith("not-actionable-", StringComparison.Ordinal);

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));

    /// <summary>The payload of the first fixture of a kind, failing loudly if there is none.</summary>
    public static string First(Func<string, bool> kind, string description)
    {
        var name = Names.FirstOrDefault(kind)
            ?? throw new Xunit.Sdk.XunitException($"No {description} fixture in {Folder}; the contract tests need one.");
        return Read(name);
    }

    public static string FirstActionable() => First(n => !IsInvalid(n) && !IsNotActionable(n), "actionable");

    public static string FirstInvalid() => First(IsInvalid, "invalid-*.json");
}
