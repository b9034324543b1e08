using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Automation.Functions.Host;

/// <summary>
/// The one way to write a workflow step: declare the step's <see cref="Name"/>, its input and output records and
/// the typed errors the state machine may retry, and implement <see cref="RunAsync"/> as input record → core call →
/// output record. This base owns the rest: parsing (<see cref="StepInput.Parse{T}(ReadOnlySpan{byte}, JsonTypeInfo{T})"/>: malformed JSON, wrong types,
/// missing required and unknown fields fail with <c>InvalidInput</c> naming the field), cancellation, the step's
/// log scope (<c>step</c> on every log line) and serialisation, always with <see cref="Contracts.StepJsonContext"/>.
/// </summary>
/// <typeparam name="TInput">The step's input record (registered in <see cref="Contracts.StepJsonContext"/>).</typeparam>
/// <typeparam name="TOutput">The step's output record (likewise).</typeparam>
public abstract class StepHandler<TInput, TOutput> : IStepHandler
    where TInput : class
{
    private readonly JsonTypeInfo<TInput> _input;
    private readonly JsonTypeInfo<TOutput> _output;

    /// <param name="services">Logging, metrics and the clock.</param>
    /// <exception cref="InvalidOperationException">A contract type is not registered in <see cref="Contracts.StepJsonContext"/>
    /// (thrown when the catalog is built, so every test that builds it catches the omission).</exception>
    protected StepHandler(StepServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
        _input = TypeInfo<TInput>();
        _output = TypeInfo<TOutput>();
        Logger = services.Loggers.CreateLogger(GetType().FullName ?? GetType().Name);
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual IReadOnlyList<string> RetryableErrors => [];

    /// <summary>Logging, metrics and the clock of this process.</summary>
    protected StepServices Services { get; }

    /// <summary>The step's logger (category: the handler's type); the <c>[LoggerMessage]</c> methods of a step use it.</summary>
#pragma warning disable SA1401, CA1051 // A field, not a property: the LoggerMessage source generator finds loggers only in fields.
    protected readonly ILogger Logger;
#pragma warning restore SA1401, CA1051

    /// <inheritdoc />
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> utf8Input, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var scope = new StepLogScope(Name);
        // The host's JSON logger takes the scope without ILogger.BeginScope<T>'s generic virtual call (JsonLogger.PushScope).
        using (Logger is Logging.JsonLogger json ? json.PushScope(scope) : Logger.BeginScope(scope))
        {
            TInput input = Parse(utf8Input, _input);
            TOutput output = await RunAsync(input, context, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToUtf8Bytes(output, _output);
        }
    }

    /// <summary>The step itself: input record → core call → output record. Failures are typed exceptions.</summary>
    protected abstract Task<TOutput> RunAsync(TInput input, InvocationContext context, CancellationToken cancellationToken);

    // The one contract home: every step's records come from StepJsonContext (source-generated, so AOT-safe).
    private static JsonTypeInfo<T> TypeInfo<T>() =>
        Contracts.StepJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).FullName} is not registered in StepJsonContext: add [JsonSerializable(typeof({typeof(T).Name}))] there.");

    /// <summary>How the raw payload (UTF-8 JSON) becomes <typeparamref name="TInput"/>; a step whose input is not one of our
    /// records (the first step of a workflow reads whatever started the execution) overrides this.</summary>
    protected virtual TInput Parse(ReadOnlyMemory<byte> utf8Input, JsonTypeInfo<TInput> type) => StepInput.Parse(utf8Input.Span, type);
}

/// <summary>The log scope of one step's invocation: adds <c>step</c> to every line written while it runs.</summary>
internal sealed class StepLogScope(string step) : IEnumerable<KeyValuePair<string, object?>>
{
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return new KeyValuePair<string, object?>("step", step);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
