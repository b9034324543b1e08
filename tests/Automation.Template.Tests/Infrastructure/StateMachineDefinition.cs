using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>One state machine of the template as tools/template/sam_template.py reads it.</summary>
/// <param name="LogicalId">Its logical id in template.yaml.</param>
/// <param name="DefinitionFile">Repo-relative ASL file, or null for an inline Definition.</param>
/// <param name="Definition">The ASL, placeholders still in.</param>
/// <param name="Placeholders">The <c>${Name}</c>s the ASL uses.</param>
/// <param name="Substitutions">DefinitionSubstitutions as written (name → string or intrinsic).</param>
/// <param name="FakeSubstitutions">The substitutions resolved to fake but well-formed values.</param>
/// <param name="UnresolvedSubstitutions">Substitutions that could not be resolved, with why.</param>
/// <param name="SubstitutedText">The ASL text with the fake values substituted.</param>
public sealed record StateMachineDefinition(
    string LogicalId,
    string? DefinitionFile,
    JsonObject Definition,
    IReadOnlyList<string> Placeholders,
    JsonObject Substitutions,
    IReadOnlyDictionary<string, string> FakeSubstitutions,
    IReadOnlyDictionary<string, string> UnresolvedSubstitutions,
    string SubstitutedText)
{
    /// <summary>How failure messages name it.</summary>
    public string Label => $"{LogicalId} ({DefinitionFile ?? "inline Definition"})";
}
