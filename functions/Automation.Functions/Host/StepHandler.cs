using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Host;

/// <summary>
/// The one way to write a workflow step: declare the step's <see cref="Name"/>, its input and output records and
/// the typed errors the state machine may retry, and implement <see cref="RunAsync"/> as input record → core call →
/// output record. This base owns the rest: parsing (<see cref="StepInput.Parse{T}"/>: malformed JSON, wrong types,
/// missing required and unknown fields fail with <c>InvalidInput</c> naming the field), cancellation, the step's
/// log scope (<c>step</c> on every log line) and serialisation, always with <see cref="Contracts.StepJsonContext"/>.
/// </summary>
/// <typeparam name="TInput">The step's input record (a type of <see cref="Contracts.StepJsonContext"/>).</typeparam>
/// <typeparam name="TOutput">The step's output record (likewise).</typeparam>
public abstract class StepHandler<TInput, TOutput> : IStepHandler
    where TInput : class
{
    private readonly JsonTypeInfo<TInput> _input;
    private readonly JsonTypeInfo<TOutput> _output;

    /// <param name="services">Logging, metrics and the clock.</param>
    /// <param name="input">The input's type info, from <see cref="Contracts.StepJsonContext"/>.</param>
    /// <param name="output">The output's type info, from <see cref="Contracts.StepJsonContext"/>.</param>
    protected StepHandler(StepServices services, JsonTypeInfo<TInput> input, JsonTypeInfo<TOutput> output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        Services = services;
        _input = input;
        _output = output;
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
    public async Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (Logger.BeginScope(new StepLogScope(Name)))
        {
            TInput input = Parse(inputJson, _input);
            TOutput output = await RunAsync(input, context, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Serialize(output, _output);
        }
    }

    /// <summary>The step itself: input record → core call → output record. Failures are typed exceptions.</summary>
    protected abstract Task<TOutput> RunAsync(TInput input, InvocationContext context, CancellationToken cancellationToken);

    /// <summary>How the raw payload becomes <typeparamref name="TInput"/>; a step whose input is not one of our records
    /// (the first step of a workflow reads whatever started the execution) overrides this.</summary>
    protected virtual TInput Parse(string inputJson, JsonTypeInfo<TInput> type) => StepInput.Parse(inputJson, type);
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
