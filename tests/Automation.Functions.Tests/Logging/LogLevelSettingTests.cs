using Automation.Functions.Logging;

using Microsoft.Extensions.Logging;

namespace Automation.Functions.Tests.Logging;

public sealed class LogLevelSettingTests
{
    [Theory]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("Info", LogLevel.Information)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("warning", LogLevel.Warning)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("CRITICAL", LogLevel.Critical)]
    [InlineData("FATAL", LogLevel.Critical)]
    [InlineData("TRACE", LogLevel.Trace)]
    [InlineData(" error ", LogLevel.Error)]
    public void ParsesPowertoolsAndLambdaLevelNamesCaseInsensitively(string value, LogLevel expected)
    {
        Assert.Equal(expected, LogLevelSetting.Parse(value));
    }

    [Fact]
    public void PowertoolsSettingWinsOverLambdaSetting()
    {
        Assert.Equal(LogLevel.Error, LogLevelSetting.Resolve("ERROR", "DEBUG", out var rejected));
        Assert.Null(rejected);
    }

    [Fact]
    public void FallsBackToLambdaSettingThenInformation()
    {
        Assert.Equal(LogLevel.Warning, LogLevelSetting.Resolve(null, "WARN", out _));
        Assert.Equal(LogLevel.Information, LogLevelSetting.Resolve(null, null, out var rejected));
        Assert.Null(rejected);
    }

    [Fact]
    public void UnrecognisedValueIsReportedAndSkipped()
    {
        Assert.Equal(LogLevel.Debug, LogLevelSetting.Resolve("LOUD", "DEBUG", out var rejected));
        Assert.Equal("LOUD", rejected);
    }
}
