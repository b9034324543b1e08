using System.Diagnostics;
using System.Text.Json.Nodes;

using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Hosting;

namespace Automation.LocalCloud.Deployment;

/// <summary>
/// SAM → plain CloudFormation through the project's one template reader
/// (<c>tools/template/sam_template.py translate</c>, aws-sam-translator underneath), with the
/// state machines' DefinitionUri files inlined. The local cloud never reads template.yaml itself.
/// </summary>
public static class TemplateTranslator
{
    public static async Task<JsonObject> TranslateAsync(RepositoryPaths paths, string templatePath, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(parameters);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("LOCALCLOUD_PYTHON") ?? "python3")
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
        using var process = Process.Start(start) ?? throw new LocalCloudException("python3 did not start.");
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
                "It needs python3 with aws-sam-translator and cfn-lint: python3 -m pip install aws-sam-translator cfn-lint");
        }

        return JsonNode.Parse(await stdout.ConfigureAwait(false)) as JsonObject
               ?? throw new LocalCloudException("The template translator printed no template.");
    }
}
