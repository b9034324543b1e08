using System.Diagnostics;
using System.Text;

using Automation.Tests.Moto;
using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// Publishes the real <c>bootstrap</c> once per test run, exactly as it is deployed
/// (Release, linux-x64, Native AOT), into a temporary folder.
/// </summary>
public sealed class PublishedBootstrap : IDisposable
{
    private readonly string _outputDirectory = Path.Combine(Path.GetTempPath(), $"automation-bootstrap-{Guid.NewGuid():N}");

    public PublishedBootstrap()
    {
        var project = Path.Combine(RepoPaths.Root, "functions", "Automation.Functions");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        // Own obj/bin under artifacts/ (git-ignored): a RID-specific restore in the projects' usual
        // obj folders would flip their assets file against the test build's, forcing both to
        // recompile (and the composite ReadyToRun image, minutes of crossgen) on every run.
        var artifacts = Path.Combine(RepoPaths.Root, "artifacts", "publish");
        foreach (var arg in (string[])["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "--artifacts-path", artifacts, "-o", _outputDirectory, "-nologo"])
        {
            start.ArgumentList.Add(arg);
        }
        // The test host's MSBuild settings must not leak into the nested build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();

        ExecutablePath = Path.Combine(_outputDirectory, "bootstrap");
        if (process.ExitCode != 0 || !File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"`dotnet publish` of the bootstrap failed (exit {process.ExitCode}); the contract tests need the .NET 10 SDK with the linux-x64 runtime pack. Output:\n{output}");
        }
    }

    public string ExecutablePath { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

/// <summary>Every test class that runs the published <c>bootstrap</c> shares one publish, and one moto_server for
/// the bootstraps that call DynamoDB (each test makes its own tables).</summary>
[CollectionDefinition(nameof(PublishedBootstrapGroup))]
public sealed class PublishedBootstrapGroup : ICollectionFixture<PublishedBootstrap>, ICollectionFixture<MotoServer>;
