using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.LocalCloud.Scenarios;

/// <summary>Source-generated JSON for scenario files (camelCase, unknown members rejected so a typo
/// in a scenario fails loudly) and for results.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(Scenario))]
[JsonSerializable(typeof(ScenarioAccessCall))]
[JsonSerializable(typeof(ScenarioResult))]
[JsonSerializable(typeof(ScenarioRun))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext
{
    /// <summary>For output people read: apostrophes, '+' and '>' as themselves, not \u0027 escapes.</summary>
    /// (Lazy: the generated Default is itself initialised statically, after any initialiser here.)
    public static JsonSerializerOptions Readable => ReadableContext.Options;

    /// <summary>The same contracts, written with readable escaping.</summary>
    public static ScenarioJsonContext ReadableContext => LazyReadable.Value;

    private static readonly Lazy<ScenarioJsonContext> LazyReadable =
        new(() => new ScenarioJsonContext(new JsonSerializerOptions(Default!.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}
