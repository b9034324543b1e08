namespace Automation.LocalCloud.Hosting;

/// <summary>How to start the local cloud. The defaults are what `make demo` and the tests use.</summary>
public sealed record SandboxOptions
{
    /// <summary>The repository (template, tools, scenarios); found from the working directory by default.</summary>
    public RepositoryPaths? Paths { get; init; }

    /// <summary>The SAM template to deploy; template.yaml at the repository root by default.</summary>
    public string? TemplatePath { get; init; }

    /// <summary>Prefix of every generated resource name.</summary>
    public string StackName { get; init; } = "ddb-runbook";

    /// <summary>Set AWS_ENDPOINT_URL, AWS_REGION and credentials in this process so the handlers' SDK
    /// clients (run in-process by the router) reach the local cloud through the standard settings.</summary>
    public bool SetProcessEnvironment { get; init; } = true;

    /// <summary>Echo the handlers' logs to this writer (e.g. stderr for --verbose); null keeps them in memory only.</summary>
    public TextWriter? HandlerLogEcho { get; init; }

    /// <summary>How long moto may take to say it is ready.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
