using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// Sample payloads for the host contract tests, from <c>events/throttling-response/NormalizeTrigger/</c>, discovered
/// at run time (an empty or missing folder fails). By the naming convention <c>invalid-*.json</c> fails with
/// InvalidTrigger and the other files (bar <c>not-actionable-*.json</c>) answer <c>"actionable": true</c>; what each
/// file answers in full is checked by <see cref="BootstrapEventFixtureTests"/>.
/// </summary>
internal static class NormalizeTriggerFixtures
{
    public const string Handler = "NormalizeTrigger";

    public static IReadOnlyList<string> Names =>
        RepoPaths.EventFiles(Handler).Select(path => Path.GetFileName(path)).ToList();

    public static bool IsInvalid(string name) => name.StartsWith("invalid-", StringComparison.Ordinal);

    public static bool IsNotActionable(string name) => name.StartsWith("not-actionable-", StringComparison.Ordinal);

    public static bool IsActionable(string name) => !IsInvalid(name) && !IsNotActionable(name);

    public static string Read(string name) => File.ReadAllText(RepoPaths.Event(Handler, name));

    public static string FirstActionable() => Read(First(IsActionable, "actionable"));

    public static string FirstInvalid() => Read(First(IsInvalid, "invalid-*.json"));

    private static string First(Func<string, bool> kind, string description) =>
        Names.FirstOrDefault(kind)
        ?? throw new Xunit.Sdk.XunitException($"No {description} fixture in events/{Handler}/; the contract tests need one.");
}
