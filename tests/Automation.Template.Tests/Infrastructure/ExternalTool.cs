using System.ComponentModel;
using System.Diagnostics;
using Automation.Tests.Shared;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>Runs the external checkers (the Python dev tools, cfn-lint among them, and node). A missing
/// tool is a test failure that says how to install it, never a silent skip.</summary>
internal static class ExternalTool
{
    public const string PythonHint =
        "The template checks need Python 3.11 with cfn-lint, aws-sam-translator and boto3 (requirements-dev.txt). " + RepoPaths.PythonSetupHint;

    /// <summary>The interpreter with requirements-dev.txt installed (<see cref="RepoPaths.Python"/>).</summary>
    public static string Python => RepoPaths.Python;
    public const string NodeHint = "Install Node.js 20+, then run `npm ci` at the repo root.";
    public const string NpmCiHint = "Run `npm ci` at the repo root.";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static ToolResult Run(string fileName, IReadOnlyList<string> arguments, string installHint, string? standardInput = null)
    {
        ProcessStartInfo start = new(fileName)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string command = string.Join(' ', [fileName, .. arguments]);
        using Process process = StartOrExplain(start, command, installHint);
        // Read both streams while writing stdin, so a chatty tool cannot block on a full pipe.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {Timeout}.");
        }

        ToolResult result = new(command, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        if (result.StandardError.Contains("ModuleNotFoundError", StringComparison.Ordinal)
            || result.StandardError.Contains("Cannot find module", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{result.Describe()}\nA dependency is missing. {installHint}");
        }

        return result;
    }

    /// <summary>Fails with the install hint unless the npm packages the node scripts use are there.</summary>
    public static void RequireNodeModules(params string[] packages)
    {
        string[] missing = packages
            .Where(p => !Directory.Exists(Path.Combine(Repository.Root, "node_modules", p)))
            .ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"node_modules lacks {string.Join(", ", missing)}. {NpmCiHint}");
        }
    }

    private static Process StartOrExplain(ProcessStartInfo start, string command, string installHint)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"`{command}` did not start.");
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException(
                $"`{start.FileName}` is not installed or not on PATH ({error.Message}). {installHint}", error);
        }
    }
}
