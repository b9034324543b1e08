using Automation.Core.Errors;
using Automation.Core.Incidents;

namespace Automation.Core.Tests.Incidents;

public class IncidentValuesTests
{
    [Fact]
    public void Execution_link_points_at_the_regional_console_page_of_the_execution()
    {
        const string arn = "arn:aws:states:eu-west-1:123456789012:execution:ThrottlingResponse:run-1";

        var link = ExecutionLink.FromArn(arn);

        Assert.Equal("eu-west-1", link.Region);
        Assert.Equal($"https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/{arn}", link.ConsoleUrl);
        Assert.StartsWith("https://cn-north-1.console.amazonaws.cn/", ExecutionLink.FromArn("arn:aws-cn:states:cn-north-1:123456789012:execution:sm:run").ConsoleUrl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("arn:aws:states:eu-west-1:123456789012:stateMachine:ThrottlingResponse")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:execution:sm:run")]
    [InlineData("arn:aws:states::123456789012:execution:sm:run")]
    public void Anything_but_an_execution_arn_is_refused_naming_the_field(string? arn)
    {
        var error = Assert.Throws<AutomationException>(() => ExecutionLink.FromArn(arn));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal("executionArn", error.Field);
    }

    [Fact]
    public void Sortable_timestamps_sort_as_time_and_round_trip()
    {
        var early = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(5));
        var late = early.AddMilliseconds(994);

        Assert.True(string.CompareOrdinal(IncidentTimestamps.ToSortable(early), IncidentTimestamps.ToSortable(late)) < 0);
        Assert.Equal("2026-01-01T22:04:05.006Z", IncidentTimestamps.ToSortable(early));
        Assert.Equal(early, IncidentTimestamps.ParseSortable(IncidentTimestamps.ToSortable(early)));
    }

    [Fact]
    public void Oversized_json_is_replaced_by_a_valid_marker_within_budget()
    {
        using var big = System.Text.Json.JsonDocument.Parse("[" + string.Join(',', Enumerable.Repeat("\"0123456789\"", 10_000)) + "]");
        using var small = System.Text.Json.JsonDocument.Parse("""{ "a": 1 }""");

        var bounded = BoundedJson.From(big.RootElement, 4096)!;

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(bounded) <= 4096);
        using var marker = System.Text.Json.JsonDocument.Parse(bounded);
        Assert.True(marker.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal("""{"a":1}""", BoundedJson.From(small.RootElement, 4096));
        Assert.Null(BoundedJson.From(null, 4096));
    }

    [Fact]
    public void Bounded_text_never_splits_a_character()
    {
        var text = string.Concat(Enumerable.Repeat("é😀", 100));

        var bounded = BoundedJson.Text(text, 50)!;

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(bounded) <= 50);
        Assert.False(char.IsHighSurrogate(bounded[bounded.IndexOf(' ', StringComparison.Ordinal) - 1]));
    }

    [Theory]
    [InlineData("""{"errorType":"GuardrailRefused","errorMessage":"Too many switches","stackTrace":[]}""", "Too many switches")]
    [InlineData("Task timed out after 30.00 seconds\nmore", "Task timed out after 30.00 seconds")]
    [InlineData("{not json", "{not json")]
    [InlineData(null, null)]
    public void The_message_of_a_cause_is_the_lambda_error_message_or_the_first_line(string? cause, string? expected)
    {
        Assert.Equal(expected, FailureCauses.MessageOf(cause));
    }
}
