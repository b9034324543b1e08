using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;


namespace Automation.Functions.Logging;

/// <summary>
/// Writes each log entry as one JSON object per line with Powertools for AWS Lambda (.NET) field
/// names: level, message, timestamp, service, cold_start, function_*, xray_trace_id, name, then the
/// message-template arguments and scope dictionaries as extra keys, then exception_name/exception.
/// A key already written wins over a later one with the same name, so a template argument can
/// never overwrite a standard field.
/// </summary>
/// <remarks>
/// Log lines have open-ended keys, so they are written with <see cref="Utf8JsonWriter"/> rather
/// than a serializer: no reflection, no intermediate dictionary.
/// </remarks>
internal sealed class JsonLogger(string category, JsonLoggerProvider provider) : ILogger
{
    private const string OriginalFormatKey = "{OriginalFormat}";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Log lines are read by people and CloudWatch Logs Insights, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly Action<object?, LineBuffer> WriteScopeTo = static (scope, target) => WriteScope(target.Json, target.WrittenKeys, scope);

    [ThreadStatic]
    private static LineBuffer? t_buffer;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => provider.ScopeProvider.Push(state);

    /// <summary>
    /// <see cref="BeginScope{TState}"/> without the generic virtual call: through <see cref="ILogger"/> that call is one
    /// Native AOT resolves at run time, building its generic dictionary, on first use in every process (measured in a
    /// step's first invocation, docs/benchmarks-host.md). The host's per-invocation scope comes through here.
    /// </summary>
    internal IDisposable? PushScope(object scope) => provider.ScopeProvider.Push(scope);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var buffer = t_buffer ??= new LineBuffer();
        buffer.Reset();
        var json = buffer.Json;
        var written = buffer.WrittenKeys;
        var context = provider.Context;
        var invocation = context.Invocation;

        json.WriteStartObject();
        WriteString(json, written, "level", LevelName(logLevel));
        WriteString(json, written, "message", formatter(state, exception));
        WriteString(json, written, "timestamp", provider.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        WriteString(json, written, "service", context.Service);
        written.Add("cold_start");
        json.WriteBoolean("cold_start", context.IsColdStart);
        WriteString(json, written, "function_name", context.FunctionName);
        WriteString(json, written, "function_version", context.FunctionVersion);
        if (context.FunctionMemorySize is { } memory)
        {
            written.Add("function_memory_size");
            json.WriteNumber("function_memory_size", memory);
        }
        WriteString(json, written, "function_arn", invocation?.InvokedFunctionArn);
        WriteString(json, written, "function_request_id", invocation?.RequestId);
        WriteString(json, written, "xray_trace_id", XRayTraceId.RootOf(invocation?.TraceId));
        WriteString(json, written, "name", category);
        if (exception is not null)
        {
            // Reserved before the extra keys so an argument named "exception" cannot displace it.
            written.Add("exception_name");
            written.Add("exception");
        }

        if (state is IEnumerable<KeyValuePair<string, object?>> arguments)
        {
            WriteProperties(json, written, arguments);
        }
        if (provider.ScopeProvider is LoggerExternalScopeProvider own)
        {
            // The provider's own scopes (always, unless a host sets another): a direct call, not the interface's generic
            // virtual ForEachScope<TState>, which Native AOT resolves at run time on first use (see PushScope).
            own.ForEachScope(WriteScopeTo, buffer);
        }
        else
        {
            provider.ScopeProvider.ForEachScope(WriteScopeTo, buffer);
        }

        if (exception is not null)
        {
            json.WriteString("exception_name", exception.GetType().FullName);
            json.WriteString("exception", exception.ToString());
        }
        json.WriteEndObject();
        provider.Sink.Write(buffer.CompleteLine());
    }

    private static void WriteScope(Utf8JsonWriter json, HashSet<string> written, object? scope)
    {
        switch (scope)
        {
            case IEnumerable<KeyValuePair<string, object?>> properties:
                WriteProperties(json, written, properties);
                break;
            case IEnumerable<KeyValuePair<string, string>> strings:
                foreach (var (key, value) in strings)
                {
                    WriteString(json, written, key, value);
                }
                break;
            default:
                // Plain (string) scopes have no key to go under; Powertools ignores them too.
                break;
        }
    }

    private static void WriteProperties(Utf8JsonWriter json, HashSet<string> written, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        foreach (var (key, value) in properties)
        {
            if (key == OriginalFormatKey || string.IsNullOrEmpty(key) || !written.Add(key))
            {
                continue;
            }
            json.WritePropertyName(key);
            JsonLogValue.Write(json, value);
        }
    }

    private static void WriteString(Utf8JsonWriter json, HashSet<string> written, string key, string? value)
    {
        if (value is null || !written.Add(key))
        {
            return;
        }
        json.WriteString(key, value);
    }

    /// <summary>Microsoft.Extensions.Logging level names, as Powertools for .NET writes them.</summary>
    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Critical",
        _ => "None",
    };

    /// <summary>Per-thread reusable buffer and writer: logging allocates little on the hot path.</summary>
    private sealed class LineBuffer
    {
        private readonly ArrayBufferWriter<byte> _bytes = new(1024);

        public LineBuffer() => Json = new Utf8JsonWriter(_bytes, WriterOptions);

        public Utf8JsonWriter Json { get; }

        public HashSet<string> WrittenKeys { get; } = new(StringComparer.Ordinal);

        public void Reset()
        {
            _bytes.ResetWrittenCount();
            Json.Reset(_bytes);
            WrittenKeys.Clear();
        }

        public ReadOnlySpan<byte> CompleteLine()
        {
            Json.Flush();
            _bytes.Write("\n"u8);
            return _bytes.WrittenSpan;
        }
    }
}
