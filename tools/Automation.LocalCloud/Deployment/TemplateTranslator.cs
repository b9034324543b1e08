using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Hosting;

namespace Automation.LocalCloud.Deployment;

/// <summary>
/// SAM → plain CloudFormation through the project's one template reader
/// (<c>tools/template/sam_template.py translate</c>, aws-sam-translator underneath), with the
/// state machines' DefinitionUri files inlined. The local cloud never reads template.yaml itself.
/// Translating costs seconds (samtranslator's imports), so results are cached under
/// artifacts/localcloud/ by the content of everything that goes in (see <see cref="CacheKey"/>).
/// </summary>
public static partial class TemplateTranslator
{
    public static async Task<JsonObject> TranslateAsync(RepositoryPaths paths, string templatePath, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(parameters);
        var cached = Path.Combine(paths.Root, "artifacts", "localcloud", "translations", CacheKey(paths, templatePath, parameters) + ".json");
        if (File.Exists(cached))
        {
            return JsonNode.Parse(await File.ReadAllTextAsync(cached, cancellationToken).ConfigureAwait(false)) as JsonObject
                   ?? throw new LocalCloudException($"Corrupt cached translation {cached}: delete it.");
        }

        var translated = await RunTranslatorAsync(paths, templatePath, parameters, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        var temporary = $"{cached}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, translated.ToJsonString(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, cached, overwrite: true);
        return translated;
    }

    [GeneratedRegex("""DefinitionUri["']?\s*:\s*["']?(?<path>[^"'\s,}]+)""")]
    private static partial Regex DefinitionUri();

    /// <summary>SHA-256 of the translator, the template, every local DefinitionUri file it names,
    /// the region and the parameters: any change to them is a new translation.</summary>
    public static string CacheKey(RepositoryPaths paths, string templatePath, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(parameters);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var template = File.ReadAllText(templatePath);
        hash.AppendData(File.ReadAllBytes(paths.TemplateTool));
        hash.AppendData(Encoding.UTF8.GetBytes(template));
        foreach (Match match in DefinitionUri().Matches(template))
        {
            var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(templatePath))!, match.Groups["path"].Value);
            hash.AppendData(Encoding.UTF8.GetBytes(match.Groups["path"].Value));
            if (File.Exists(file))
            {
                hash.AppendData(File.ReadAllBytes(file));
            }
        }

        hash.AppendData(Encoding.UTF8.GetBytes(LocalAccount.Region));
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{name}={value}"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<JsonObject> RunTranslatorAsync(RepositoryPaths paths, string templatePath, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var python = paths.Python;
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(paths.TemplateTool);
        start.ArgumentList.Add("translate");
        start.ArgumentList.Add(templatePath);
        start.ArgumentList.Add("--region");
        start.ArgumentList.Add(LocalAccount.Region);
        foreach (var (name, value) in parameters)
        {
            start.ArgumentList.Add("--param");
            start.ArgumentList.Add($"{name}={value}");
        }

        // The translator would write __pycache__ next to the tool; nothing to gain from it here.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Start(start);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new LocalCloudException(
                $"Translating {templatePath} failed (exit {process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}\n" +
                $"It needs {python} with aws-sam-translator and cfn-lint. {RepositoryPaths.PythonSetupHint}");
        }

        return JsonNode.Parse(await stdout.ConfigureAwait(false)) as JsonObject
               ?? throw new LocalCloudException("The template translator printed no template.");
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new LocalCloudException($"{start.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new LocalCloudException($"Cannot run {start.FileName}: {error.Message}. {RepositoryPaths.PythonSetupHint}", error);
        }
    }
}
