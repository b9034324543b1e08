using System.Text;
using Automation.Core.Errors;
using Automation.Functions.Host;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// Steps read their payload as the UTF-8 bytes the Runtime API delivers (no UTF-16 copy). What the text path did for
/// free must still hold: a leading byte order mark is ignored, whitespace alone is "empty", and an error names the
/// same field whichever way the payload arrives.
/// </summary>
public sealed class StepInputBytesTests
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private static readonly InvocationContext Context = new(
        "req-1", "arn:aws:lambda:eu-west-1:123456789012:function:Step", DateTimeOffset.UtcNow.AddMinutes(1), null, "Step");

    public static TheoryData<string, string> Fixtures => new()
    {
        { "NormalizeTrigger", RepoPaths.Event("NormalizeTrigger", "gsi-alarm.json") },
        { "Diagnose", RepoPaths.Combine("events/throttling-response/Diagnose/false-alarm.json") },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_leading_byte_order_mark_changes_nothing(string step, string fixture)
    {
        byte[] payload = File.ReadAllBytes(fixture);
        var handler = StoreFreeCatalog.CreateStep(step);

        byte[] plain = await handler.HandleAsync(payload, Context, CancellationToken.None);
        byte[] marked = await handler.HandleAsync(ByteOrderMark.Concat(payload).ToArray(), Context, CancellationToken.None);

        Assert.Equal(Encoding.UTF8.GetString(plain), Encoding.UTF8.GetString(marked));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t\r\n")]
    public async Task Json_whitespace_alone_is_an_empty_input(string payload)
    {
        var handler = StoreFreeCatalog.CreateStep("Diagnose");

        var error = await Assert.ThrowsAsync<AutomationException>(() => handler.HandleAsync(Encoding.UTF8.GetBytes(payload), Context, CancellationToken.None));
        var marked = await Assert.ThrowsAsync<AutomationException>(() => handler.HandleAsync(ByteOrderMark.Concat(Encoding.UTF8.GetBytes(payload)).ToArray(), Context, CancellationToken.None));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal("$", error.Field);
        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, marked.Message);
    }

    [Theory]
    [InlineData("""{"incidentId": 7}""", "$.incidentId")]
    [InlineData("""{"trigger": {"tableName": "Orders", "dryRun": "yes"}}""", "$.trigger.dryRun")]
    [InlineData("""{"notAField": 1}""", "$.notAField")]
    [InlineData("""{"table": []}""", "$.table")]
    public async Task A_bad_payload_names_the_same_field_as_text_or_bytes(string payload, string field)
    {
        var handler = StoreFreeCatalog.CreateStep("Diagnose");

        var fromBytes = await Assert.ThrowsAsync<AutomationException>(() => handler.HandleAsync(Encoding.UTF8.GetBytes(payload), Context, CancellationToken.None));
        var fromText = Assert.Throws<AutomationException>(() => StepInput.Parse(payload, Automation.Functions.Contracts.StepJsonContext.Default.DiagnoseInput));

        Assert.Equal(ErrorTypes.InvalidInput, fromBytes.ErrorType);
        Assert.Equal(field, fromBytes.Field);
        Assert.Equal(fromText.Message, fromBytes.Message);
    }
}
