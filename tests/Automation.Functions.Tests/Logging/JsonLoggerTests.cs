using System.Globalization;
using System.Text.Json;

using Automation.Core.Errors;
using Automation.Functions.Host;
using Automation.Functions.Logging;
using Automation.Functions.Tests.Support;
using Automation.Tests.Fakes;

using Microsoft.Extensions.Logging;

namespace Automation.Functions.Tests.Logging;

/// <summary>The JSON log line format: Powertools field names, template arguments, scopes, exceptions.</summary>
public sealed partial class JsonLoggerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly MemoryLineSink _sink = new();
    private readonly LambdaLogContext _context = new("dynamodb-runbooks", "normalize-trigger", "$LATEST", 512);

    [Fact]
    public void WritesPowertoolsFieldsAndRendersTheTemplate()
    {
        var logger = CreateLogger();
        _context.BeginInvocation(new InvocationContext("req-1", "arn:aws:lambda:us-east-1:1:function:f", Now.AddSeconds(3), "Root=1-abc-def;Parent=11;Sampled=1", "f"));

        LogThrottled(logger, "Orders", 42);

        var line = _sink.SingleJson();
        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.Equal("Table Orders throttled 42 requests", line.GetProperty("message").GetString());
        Assert.Equal(Now, DateTimeOffset.Parse(line.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture));
        Assert.EndsWith("Z", line.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        Assert.Equal("dynamodb-runbooks", line.GetProperty("service").GetString());
        Assert.True(line.GetProperty("cold_start").GetBoolean());
        Assert.Equal("normalize-trigger", line.GetProperty("function_name").GetString());
        Assert.Equal(512, line.GetProperty("function_memory_size").GetInt32());
        Assert.Equal("arn:aws:lambda:us-east-1:1:function:f", line.GetProperty("function_arn").GetString());
        Assert.Equal("req-1", line.GetProperty("function_request_id").GetString());
        Assert.Equal("1-abc-def", line.GetProperty("xray_trace_id").GetString());
        Assert.Equal("Tests.Category", line.GetProperty("name").GetString());
        Assert.Equal("Orders", line.GetProperty("TableName").GetString());
        Assert.Equal(42, line.GetProperty("ThrottledRequests").GetInt32());
        Assert.False(line.TryGetProperty("{OriginalFormat}", out _));
        Assert.False(line.TryGetProperty("exception", out _));
    }

    [Fact]
    public void ColdStartIsFalseAfterTheFirstInvocationAndInvocationFieldsClear()
    {
        var logger = CreateLogger();
        _context.BeginInvocation(new InvocationContext("req-1", "arn", Now, null, "f"));
        _context.EndInvocation();

        LogThrottled(logger, "Orders", 1);

        var line = _sink.SingleJson();
        Assert.False(line.GetProperty("cold_start").GetBoolean());
        Assert.False(line.TryGetProperty("function_request_id", out _));
        Assert.False(line.TryGetProperty("xray_trace_id", out _));
    }

    [Fact]
    public void ExceptionIsWrittenWithItsStackAndName()
    {
        var logger = CreateLogger();
        var failure = Throw(() => throw new AutomationException(ErrorTypes.GuardrailRefused, "over the ceiling"));

        LogFailed(logger, failure, "Orders");

        var line = _sink.SingleJson();
        Assert.Equal("Error", line.GetProperty("level").GetString());
        Assert.Equal(typeof(AutomationException).FullName, line.GetProperty("exception_name").GetString());
        var text = line.GetProperty("exception").GetString()!;
        Assert.StartsWith("Automation.Core.Errors.AutomationException: over the ceiling", text, StringComparison.Ordinal);
        Assert.Contains(nameof(ExceptionIsWrittenWithItsStackAndName), text, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopeDictionariesBecomeKeysButNeverOverrideStandardFields()
    {
        var logger = CreateLogger();

        using (logger.BeginScope(new Dictionary<string, object?> { ["incidentId"] = "inc-7", ["attempt"] = 2 }))
        using (logger.BeginScope(new Dictionary<string, string> { ["segment"] = "orders-hot-keys", ["level"] = "spoofed" }))
        using (logger.BeginScope("a plain string scope"))
        {
            LogThrottled(logger, "Orders", 3);
        }
        LogThrottled(logger, "Orders", 4);

        var lines = _sink.AllJson();
        Assert.Equal("inc-7", lines[0].GetProperty("incidentId").GetString());
        Assert.Equal(2, lines[0].GetProperty("attempt").GetInt32());
        Assert.Equal("orders-hot-keys", lines[0].GetProperty("segment").GetString());
        Assert.Equal("Information", lines[0].GetProperty("level").GetString());
        Assert.Single(lines[0].EnumerateObject(), p => p.Name == "level");
        Assert.False(lines[1].TryGetProperty("incidentId", out _));
    }

    [Fact]
    public async Task A_steps_lines_carry_its_name_only_while_it_runs()
    {
        var loggers = new JsonLoggerFactory(new JsonLoggerProvider(_sink, _context, new FixedTimeProvider(Now), LogLevel.Debug));
        var step = HandlerCatalog.CreateStep("NormalizeTrigger", new StepServices(loggers, new DiscardMetrics(), new FixedTimeProvider(Now)), StoreFreeCatalog.Dependencies());
        var context = new InvocationContext("req-1", "arn:aws:lambda:us-east-1:1:function:f", Now.AddSeconds(3), null, "f");

        await step.HandleAsync(File.ReadAllText(Automation.Tests.Shared.RepoPaths.Event("NormalizeTrigger", "gsi-alarm.json")), context, CancellationToken.None);
        var after = loggers.CreateLogger("Tests.Category");
        LogThrottled(after, "Orders", 1);

        var lines = _sink.AllJson();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Trigger accepted", lines[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("NormalizeTrigger", lines[0].GetProperty("step").GetString());
        Assert.False(lines[1].TryGetProperty("step", out _));
    }

    [Fact]
    public void Scopes_of_a_scope_provider_set_by_the_host_are_written()
    {
        var provider = new JsonLoggerProvider(_sink, _context, new FixedTimeProvider(Now), LogLevel.Debug);
        provider.SetScopeProvider(new FixedScopes(new Dictionary<string, object?> { ["tenant"] = "blue" }));

        var logger = new JsonLoggerFactory(provider).CreateLogger("Tests.Category");
        LogThrottled(logger, "Orders", 1);

        Assert.Equal("blue", _sink.SingleJson().GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task ScopesFlowWithTheAsyncContext()
    {
        var logger = CreateLogger();

        using (logger.BeginScope(new Dictionary<string, object?> { ["incidentId"] = "inc-9" }))
        {
            await Task.Yield();
            LogThrottled(logger, "Orders", 1);
        }

        Assert.Equal("inc-9", _sink.SingleJson().GetProperty("incidentId").GetString());
    }

    [Fact]
    public void ArgumentValuesKeepTheirJsonTypes()
    {
        var logger = CreateLogger();

        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        string[] names = ["a", "b"];
        LogValues(logger, 1.5, true, at, names, LogLevel.Warning, null);

        var line = _sink.SingleJson();
        Assert.Equal(1.5, line.GetProperty("Ratio").GetDouble());
        Assert.Equal(JsonValueKind.True, line.GetProperty("Enabled").ValueKind);
        Assert.Equal("2025-01-02T03:04:05+00:00", line.GetProperty("At").GetString());
        Assert.Equal(["a", "b"], line.GetProperty("Names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Warning", line.GetProperty("Kind").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("Missing").ValueKind);
    }

    [Fact]
    public void EntriesBelowTheMinimumLevelAreNotWritten()
    {
        var logger = CreateLogger(LogLevel.Warning);

        LogThrottled(logger, "Orders", 1);
        LogFailed(logger, new InvalidOperationException("x"), "Orders");

        Assert.Equal("Error", _sink.SingleJson().GetProperty("level").GetString());
        Assert.False(logger.IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void ConcurrentWritersProduceWholeLines()
    {
        var logger = CreateLogger();

        Parallel.For(0, 200, i =>
        {
            var table = $"Table{i}";
            LogThrottled(logger, table, i);
        });

        var tables = _sink.AllJson().Select(l => l.GetProperty("TableName").GetString()).ToHashSet();
        Assert.Equal(200, tables.Count);
    }

    private ILogger CreateLogger(LogLevel minimum = LogLevel.Debug) =>
        new JsonLoggerFactory(new JsonLoggerProvider(_sink, _context, new FixedTimeProvider(Now), minimum)).CreateLogger("Tests.Category");

    private static Exception Throw(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }
        throw new InvalidOperationException("expected an exception");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Table {TableName} throttled {ThrottledRequests} requests")]
    private static partial void LogThrottled(ILogger logger, string tableName, int throttledRequests);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fix for {TableName} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tableName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Ratio} {Enabled} {At} {Names} {Kind} {Missing}")]
    private static partial void LogValues(ILogger logger, double ratio, bool enabled, DateTimeOffset at, string[] names, LogLevel kind, string? missing);

    /// <summary>A scope provider that is not Microsoft's: the logger must go through the interface for it.</summary>
    private sealed class FixedScopes(object scope) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state) => callback(scope, state);

        public IDisposable Push(object? state) => throw new NotSupportedException();
    }
}
