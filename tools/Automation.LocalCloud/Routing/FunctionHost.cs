using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Automation.Functions.Host;

namespace Automation.LocalCloud.Routing;

/// <summary>
/// Runs the project's real handlers for Lambda Invoke requests, through the same dispatch the
/// <c>bootstrap</c> uses (<see cref="HandlerCatalog"/>), and reports failures the way Lambda does:
/// HTTP 200, <c>X-Amz-Function-Error: Unhandled</c>, and the <see cref="InvocationError"/> document,
/// so that the state machine's Retry and Catch see the handler's <c>errorType</c>.
/// </summary>
/// <remarks>
/// Handlers run in this process, one at a time: each function's template environment variables
/// are process-wide while it runs (a real Lambda has them to itself), so two functions with
/// different values must not overlap. Invocations are short; the local cloud does not need more.
/// </remarks>
public sealed class FunctionHost(Func<StepServices> services) : IDisposable
{
    private readonly ConcurrentDictionary<string, LocalFunction> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Invocation> _invocations = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Every invocation served so far, oldest first.</summary>
    public IReadOnlyCollection<Invocation> Invocations => _invocations;

    public void Dispose() => _oneAtATime.Dispose();

    public void Register(LocalFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _functions[function.Name] = function;
    }

    /// <summary>Finds a function by name, full or partial ARN (with or without a qualifier).</summary>
    public LocalFunction? Find(string nameOrArn)
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        var name = nameOrArn;
        var marker = name.IndexOf("function:", StringComparison.Ordinal);
        if (marker >= 0)
        {
            name = name[(marker + "function:".Length)..];
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                name = name[..colon];
            }
        }

        return _functions.GetValueOrDefault(name);
    }

    /// <summary>Runs one invocation; never throws for a handler failure (that is a result).</summary>
    public async Task<InvocationResult> InvokeAsync(LocalFunction function, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var requestId = Guid.NewGuid().ToString();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        InvocationResult result;
        try
        {
            using var environment = new EnvironmentScope(FunctionEnvironment(function));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(function.Timeout);
            var context = new InvocationContext(requestId, function.Arn, started + function.Timeout, TraceId: null, function.Name);
            try
            {
                if (!HandlerCatalog.Names.Contains(function.Handler, StringComparer.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Handler '{function.Handler}' of function {function.Name} is not in HandlerCatalog " +
                        $"(known: {string.Join(", ", HandlerCatalog.Names)}).");
                }

                // As the bootstrap does: only this function's step is built, with the configuration of its environment.
                var handler = HandlerCatalog.CreateStep(function.Handler, services());
                var output = await handler.HandleAsync(payload, context, deadline.Token).ConfigureAwait(false);
                result = InvocationResult.Success(output);
            }
            catch (Exception exception)
            {
                result = InvocationResult.Failure(InvocationError.From(exception));
            }
        }
        finally
        {
            _oneAtATime.Release();
        }

        _invocations.Enqueue(new Invocation(function.Name, function.Handler, requestId, started, clock.Elapsed,
            result.Error?.ErrorType, result.Error?.ErrorMessage));
        return result;
    }

    /// <summary>Variables set for every invocation on top of each function's own (a scenario's runbooks folder), or null.</summary>
    public IReadOnlyDictionary<string, string>? EnvironmentOverrides { get; set; }

    private Dictionary<string, string?> FunctionEnvironment(LocalFunction function)
    {
        var variables = function.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);
        foreach (var (name, value) in EnvironmentOverrides ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        variables["AWS_LAMBDA_FUNCTION_NAME"] = function.Name;
        variables["_HANDLER"] = function.Handler;
        return variables;
    }

    /// <summary>Sets environment variables for a scope and restores the previous values after it.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

        public EnvironmentScope(IReadOnlyDictionary<string, string?> variables)
        {
            foreach (var (name, value) in variables)
            {
                _previous[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}

/// <summary>A handler's response payload, or the error document Lambda would report.</summary>
public sealed record InvocationResult(string? Output, InvocationError? Error)
{
    public static InvocationResult Success(string output) => new(output, null);

    public static InvocationResult Failure(InvocationError error) => new(null, error);

    /// <summary>The error as Lambda's Invoke returns it (camelCase, like the Runtime API body).</summary>
    public string ErrorDocument() => Error is null
        ? "null"
        : new JsonObject
        {
            ["errorType"] = Error.ErrorType,
            ["errorMessage"] = Error.ErrorMessage,
            ["stackTrace"] = new JsonArray([.. Error.StackTrace.Select(line => (JsonNode?)JsonValue.Create(line))]),
        }.ToJsonString();
}
