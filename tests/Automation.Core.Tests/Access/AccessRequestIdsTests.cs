using Automation.Core.Access;

using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>Request ids: the same caller repeating a request gets the same id (so the same record and execution), anything else another.</summary>
public class AccessRequestIdsTests
{
    private const string Other = "arn:aws:sts::123456789012:assumed-role/OnCall/carol";

    [Fact]
    public void An_id_is_bg_and_24_lowercase_hex_characters()
    {
        string id = AccessRequestIds.For(Valid, "token-1", Now);

        Assert.Matches("^bg-[0-9a-f]{24}$", id);
        Assert.True(AccessRequestIds.IsWellFormed(id));
        Assert.True(AccessRequestIds.IsWellFormed(AccessRequestIds.For(Valid, null, Now)));
    }

    [Fact]
    public void The_same_requester_and_client_token_give_the_same_id_whatever_the_content_and_time()
    {
        string id = AccessRequestIds.For(Valid, "token-1", Now);

        Assert.Equal(id, AccessRequestIds.For(Valid, "token-1", Now));
        Assert.Equal(id, AccessRequestIds.For(Valid with { Reason = "typed again", DurationMinutes = 5 }, "token-1", Now.AddHours(3)));
    }

    [Fact]
    public void Another_requester_or_another_token_gives_another_id()
    {
        string id = AccessRequestIds.For(Valid, "token-1", Now);

        Assert.NotEqual(id, AccessRequestIds.For(Valid with { Requester = Other }, "token-1", Now));
        Assert.NotEqual(id, AccessRequestIds.For(Valid, "token-2", Now));
        Assert.NotEqual(id, AccessRequestIds.For(Valid, "Token-1", Now));
        Assert.NotEqual(id, AccessRequestIds.For(Valid, null, Now));
    }

    [Fact]
    public void Without_a_token_the_id_is_the_content_within_the_minute()
    {
        string id = AccessRequestIds.For(Valid, null, Now);

        Assert.Equal(id, AccessRequestIds.For(Valid, null, Now.AddSeconds(59)));
        Assert.Equal(id, AccessRequestIds.For(Valid, string.Empty, Now.AddSeconds(30))); // an empty token is none
        Assert.Equal(id, AccessRequestIds.For(Valid, null, Now.ToOffset(TimeSpan.FromHours(2)))); // the instant, not the offset
        Assert.NotEqual(id, AccessRequestIds.For(Valid, null, Now.AddMinutes(1)));
        Assert.NotEqual(id, AccessRequestIds.For(Valid, null, Now.AddSeconds(-1)));
        Assert.NotEqual(id, AccessRequestIds.For(Valid with { Requester = Other }, null, Now));
    }

    public static TheoryData<string, AccessRequest> Changes => new()
    {
        { "segment", Valid with { Segment = "orders-by-status" } },
        { "indexes", Valid with { Indexes = [] } },
        { "actions", Valid with { Actions = ["GetItem"] } },
        { "keys", Valid with { LeadingKeys = ["customer#4712"] } },
        { "prefixes", Valid with { LeadingKeyPrefixes = ["customer#"] } },
        { "attributes", Valid with { Attributes = ["status"] } },
        { "duration", Valid with { DurationMinutes = 31 } },
        { "reason", Valid with { Reason = "another reason" } },
        { "incident", Valid with { IncidentId = "inc-2" } },
        { "ticket", Valid with { Ticket = "OPS-1" } },
        { "emergency", Valid with { Emergency = true } },
        { "keys split differently", Valid with { LeadingKeys = ["customer#4711,x"] } },
        { "a key moved to the prefixes", Valid with { LeadingKeys = [], LeadingKeyPrefixes = ["customer#4711"] } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Without_a_token_any_change_of_content_is_another_request(string what, AccessRequest changed)
    {
        Assert.False(string.IsNullOrEmpty(what));
        Assert.NotEqual(AccessRequestIds.For(Valid, null, Now), AccessRequestIds.For(changed, null, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bg-")]
    [InlineData("bg-0123456789abcdef0123456")] // 23
    [InlineData("bg-0123456789abcdef012345678")] // 25
    [InlineData("bg-0123456789ABCDEF01234567")]
    [InlineData("bg-0123456789abcdef0123456g")]
    [InlineData("BG-0123456789abcdef01234567")]
    [InlineData("xx-0123456789abcdef01234567")]
    [InlineData("bg_0123456789abcdef01234567")]
    [InlineData(" bg-0123456789abcdef0123456")]
    [InlineData("bg-0123456789abcdef0123456\n")]
    [InlineData("inc-0123456789abcdef01234567")]
    public void Anything_else_is_not_a_request_id(string? id)
    {
        Assert.False(AccessRequestIds.IsWellFormed(id));
    }

    [Fact]
    public void A_well_formed_id_is_exactly_the_prefix_and_the_hex()
    {
        Assert.True(AccessRequestIds.IsWellFormed("bg-0123456789abcdef01234567"));
        Assert.True(AccessRequestIds.IsWellFormed("bg-000000000000000000000000"));
        Assert.Equal(27, AccessRequestIds.Prefix.Length + AccessRequestIds.HexLength);
    }
}
