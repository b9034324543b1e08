using System.Text.Json;

using Automation.Core.Errors;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// Every <c>events/NormalizeTrigger/*.json</c> file through the published <c>bootstrap</c>, judged by
/// its name (see <see cref="NormalizeTriggerFixtures"/>). New fixtures are picked up without code changes.
/// </summary>
[Collection(nameof(PublishedBootstrapGroup))]
public sealed class NormalizeTriggerFixtureTests(PublishedBootstrap bootstrap)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in NormalizeTriggerFixtures.Names)
        {
            data.Add(name);
        }
        return data;
    }

    [Fact]
    public void FixtureFolderHasEveryKindOfFixture()
    {
        var names = NormalizeTriggerFixtures.Names; // throws when the folder is missing or empty
        Assert.Contains(names, NormalizeTriggerFixtures.IsInvalid);
        Assert.Contains(names, NormalizeTriggerFixtures.IsNotActionable);
        Assert.Contains(names, NormalizeTriggerFixtures.IsActionable);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task FixtureGetsTheOutcomeItsNameDeclares(string fixture)
    {
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, NormalizeTriggerFixtures.Handler);

        var outcome = await api.Enqueue(NormalizeTriggerFixtures.Read(fixture), DateTimeOffset.UtcNow.AddSeconds(30)).WaitAsync(Patience);

        if (NormalizeTriggerFixtures.IsInvalid(fixture))
        {
            var error = outcome.RequireError();
            Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorType);
            Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorTypeHeader);
            Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage));
            return;
        }

        var response = outcome.ResponseJson();
        if (NormalizeTriggerFixtures.IsNotActionable(fixture))
        {
            Assert.False(response.GetProperty("actionable").GetBoolean(), $"{fixture} answered {outcome.Response}");
            return;
        }
        Assert.True(response.GetProperty("actionable").GetBoolean(), $"{fixture} answered {outcome.Response}");
        var trigger = response.GetProperty("trigger");
        Assert.Equal(JsonValueKind.Object, trigger.ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(trigger.GetProperty("tableName").GetString()), $"{fixture} answered {outcome.Response}");
    }
}
