using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Functions.Host;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Deployment;
using Automation.LocalCloud.Routing;
using Automation.LocalCloud.Scenarios;
using Microsoft.Extensions.Logging;

namespace Automation.LocalCloud.Hosting;

/// <summary>
/// The project's local cloud: moto (through the launcher) behind the router, the stack deployed from
/// template.yaml, and scenarios played against it. One instance per process is the intended use
/// (the handlers' endpoint settings are process-wide); dispose it to stop everything it started.
/// </summary>
public sealed class Sandbox : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<JsonObject>>> _translations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<StackDeployment>>> _stacks = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };
    private readonly ILoggerFactory _loggers;
    private readonly MotoServer _moto;

    // Cancelled on dispose: stops template translations still running (no orphan python process).
    private readonly CancellationTokenSource _lifetime;
    private static int s_processEnvironmentTaken;
    private int _disposed;

    private Sandbox(SandboxOptions options, RepositoryPaths paths, Router router, MotoServer moto, ILoggerFactory loggers,
        RecordingLoggerProvider logs, RecordingMetricsWriter metrics, TimeSpan startupTime, CancellationTokenSource lifetime)
    {
        _lifetime = lifetime;
        Options = options;
        Paths = paths;
        Router = router;
        _moto = moto;
        _loggers = loggers;
        HandlerLogs = logs;
        Metrics = metrics;
        StartupTime = startupTime;
        Aws = new AwsClient(_http, moto.Endpoint);
        ViaRouter = new AwsClient(_http, router.Endpoint);
    }

    public SandboxOptions Options { get; }
    public RepositoryPaths Paths { get; }
    public Router Router { get; }

    /// <summary>Client straight to moto: scenario set-up and assertions, never throttled by injection.</summary>
    public AwsClient Aws { get; }

    /// <summary>Client through the router, i.e. what the workflows and handlers see.</summary>
    public AwsClient ViaRouter { get; }

    /// <summary>The endpoint to give SDKs and the AWS CLI (the router).</summary>
    public Uri Endpoint => Router.Endpoint;

    public Uri MotoEndpoint => _moto.Endpoint;
    public int MotoProcessId => _moto.ProcessId;
    public string MotoVersion => _moto.Version;

    /// <summary>
    /// Drops every CloudWatch datapoint carrying dimension <paramref name="dimension"/> = <paramref name="value"/>, in
    /// every account and region, and returns how many went. CloudWatch has no API for it: this is moto_launcher.py's
    /// forget-metrics endpoint. The scenario runner uses it when a play recreates a table.
    /// </summary>
    public async Task<int> ForgetMetricsAsync(string dimension, string value, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(
            new JsonObject { ["dimension"] = dimension, ["value"] = value }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(MotoEndpoint, "/_localcloud/cloudwatch/forget-metrics"), content, cancellationToken)
            .ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode && JsonNode.Parse(body)?["removed"] is JsonValue removed
            ? removed.GetValue<int>()
            : throw new InvalidOperationException($"moto's forget-metrics endpoint answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>moto's recent stderr, for diagnosing an HTTP 500 from it.</summary>
    public string MotoErrors => _moto.RecentErrors;
    public RecordingLoggerProvider HandlerLogs { get; }
    public RecordingMetricsWriter Metrics { get; }
    public TimeSpan StartupTime { get; }

    public string TemplatePath => Options.TemplatePath ?? Paths.Template;

    /// <summary>The environment a process needs to talk to this local cloud (printed by `up`).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_REGION"] = LocalAccount.Region,
        ["AWS_DEFAULT_REGION"] = LocalAccount.Region,
        ["AWS_ACCESS_KEY_ID"] = LocalAccount.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = LocalAccount.SecretAccessKey,
    };

    /// <summary>Starts the router and moto, and begins translating the template for the default
    /// parameters meanwhile (the slowest part of a deploy).</summary>
    public static async Task<Sandbox> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        if (options.SetProcessEnvironment && Interlocked.Exchange(ref s_processEnvironmentTaken, 1) == 1)
        {
            // The handlers run in this process and may keep SDK clients for the process's lifetime
            // (as in Lambda): a second sandbox would leave them talking to the first, stopped one.
            throw new LocalCloudException(
                "A sandbox that sets the process environment was already started in this process; start one per process " +
                "(the workflow tests share one; `bench` runs each measurement in its own process).");
        }

        var clock = Stopwatch.StartNew();
        var paths = options.Paths ?? RepositoryPaths.Discover();
        var logs = new RecordingLoggerProvider(options.HandlerLogEcho);
        var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var metrics = new RecordingMetricsWriter();
        var services = new StepServices(loggers, metrics, TimeProvider.System);
        var functions = new FunctionHost(() => services);

        var lifetime = new CancellationTokenSource();
        var translation = StartTranslation(paths, options.TemplatePath ?? paths.Template, new Dictionary<string, string>(), lifetime.Token);
        var router = await Router.StartAsync(functions, new ContributorInsights(TimeProvider.System), new FaultInjector(), cancellationToken)
            .ConfigureAwait(false);
        MotoServer moto;
        try
        {
            moto = await MotoServer.StartAsync(paths, router.Port, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await lifetime.CancelAsync().ConfigureAwait(false);
            lifetime.Dispose();
            await router.DisposeAsync().ConfigureAwait(false);
            loggers.Dispose();
            throw;
        }

        router.ForwardTo(moto.Endpoint);
        var cloud = new Sandbox(options, paths, router, moto, loggers, logs, metrics, clock.Elapsed, lifetime);
        cloud._translations[DeploymentKey(Path.GetFullPath(cloud.TemplatePath), new Dictionary<string, string>())] = translation;
        if (options.SetProcessEnvironment)
        {
            foreach (var (name, value) in cloud.EnvironmentVariables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        return cloud;
    }

    /// <summary>Deploys the sandbox's template with these parameter overrides, once per distinct set
    /// (later calls return the same stack).</summary>
    public Task<StackDeployment> DeployAsync(IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default) =>
        DeployAsync(TemplatePath, parameters, cancellationToken);

    /// <summary>Deploys a template with parameter overrides, once per distinct template and set. The
    /// sandbox's template with its defaults is the stack named <see cref="SandboxOptions.StackName"/>;
    /// any other combination gets its own resource names (the name plus a stable hash).</summary>
    public Task<StackDeployment> DeployAsync(string templatePath, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken = default)
    {
        templatePath = Path.GetFullPath(templatePath);
        parameters ??= new Dictionary<string, string>();
        var key = DeploymentKey(templatePath, parameters);
        return _stacks.GetOrAdd(key, _ => new Lazy<Task<StackDeployment>>(() => DeployNewAsync(templatePath, parameters, key, cancellationToken))).Value;
    }

    private async Task<StackDeployment> DeployNewAsync(string templatePath, IReadOnlyDictionary<string, string> parameters, string key, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var template = await _translations
            .GetOrAdd(key, _ => StartTranslation(Paths, templatePath, parameters, _lifetime.Token))
            .Value.ConfigureAwait(false);
        var translationWait = clock.Elapsed;
        var stackName = key == DeploymentKey(Path.GetFullPath(TemplatePath), new Dictionary<string, string>())
            ? Options.StackName
            : $"{Options.StackName}-{StableHash(key):x8}";
        var context = new StackContext(stackName, Aws, Router.Functions, Router.Insights);
        var stack = await new StackDeployer().DeployAsync(template, parameters, context, cancellationToken).ConfigureAwait(false);
        stack = stack with { DeployTime = clock.Elapsed, TranslationWait = translationWait };
        Router.StatusEvents.Register(stack);
        Router.Access.Register(stack);
        return stack;
    }

    /// <summary>Plays a scenario end to end (see scenarios/README.md) and returns its outcome.</summary>
    public async Task<ScenarioResult> PlayAsync(Scenario scenario, IScenarioObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var template = scenario.Template is null
            ? TemplatePath
            : Path.Combine(Path.GetDirectoryName(scenario.SourcePath) ?? Paths.Root, scenario.Template);
        var stack = await DeployAsync(template, scenario.Parameters, cancellationToken).ConfigureAwait(false);
        return await new ScenarioRunner(this, stack, observer ?? IScenarioObserver.None).RunAsync(scenario, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _moto.Dispose();
        await Router.DisposeAsync().ConfigureAwait(false);
        Router.Functions.Dispose();
        _http.Dispose();
        _loggers.Dispose();
        _lifetime.Dispose();
    }

    private static Lazy<Task<JsonObject>> StartTranslation(RepositoryPaths paths, string template, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var lazy = new Lazy<Task<JsonObject>>(() => TemplateTranslator.TranslateAsync(paths, template, parameters, cancellationToken));
        _ = lazy.Value;
        return lazy;
    }

    /// <summary>FNV-1a: the same parameters give the same stack name in every run.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }

    private static string DeploymentKey(string templatePath, IReadOnlyDictionary<string, string> parameters) =>
        templatePath + "?" + string.Join("&", parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
}
