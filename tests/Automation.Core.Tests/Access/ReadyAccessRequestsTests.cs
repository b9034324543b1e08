using Automation.Core.Access;

using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

public class ReadyAccessRequestsTests
{
    private const string Incident = "inc-0123456789abcdef01234567";

    [Fact]
    public void A_hot_key_of_the_table_gets_a_read_request_on_that_key_for_the_incident()
    {
        var draft = Assert.Single(ReadyAccessRequests.ForHotKeys(Catalog, "Orders", null, ["customer#42", "customer#42"], Incident));

        Assert.Equal("orders", draft.Segment);
        Assert.Equal(["customer#42"], draft.LeadingKeys);
        Assert.Empty(draft.Indexes);
        Assert.All(draft.Actions, a => Assert.True(AccessActions.TryParse(a, out var action) && !AccessActions.IsWrite(action), a));
        Assert.Equal(Incident, draft.IncidentId);
        Assert.Equal(Math.Min(ReadyAccessRequests.DefaultDurationMinutes, Scope.MaxDurationMinutes), draft.DurationMinutes);
    }

    [Fact]
    public void The_draft_passes_every_criterion_but_who_asks_which_the_API_checks()
    {
        var draft = Assert.Single(ReadyAccessRequests.ForHotKeys(Catalog, "Orders", null, ["customer#42"], Incident));
        var asOnCall = new AccessRequest(Scope.Requesters[0].Replace("*", "123456789012", StringComparison.Ordinal), draft.Segment, draft.Indexes, draft.Actions,
            draft.LeadingKeys, [], [], draft.DurationMinutes, draft.Reason, draft.IncidentId, null, false);

        Assert.Empty(AccessCriteria.Check(asOnCall, Catalog));
    }

    [Fact]
    public void Keys_of_different_segments_get_a_request_each_and_a_segment_without_access_none()
    {
        var drafts = ReadyAccessRequests.ForHotKeys(Catalog, "Orders", null, ["customer#42", "tenant#acme#eu-1"], Incident);

        Assert.Equal(["orders", "orders-tenant-acme"], drafts.Select(d => d.Segment).Order(StringComparer.Ordinal));
        Assert.Empty(ReadyAccessRequests.ForHotKeys(Catalog, "Closed", null, ["k"], Incident));
        Assert.Empty(ReadyAccessRequests.ForHotKeys(Catalog, "Unknown", null, ["k"], Incident));
    }

    [Fact]
    public void A_hot_key_of_an_index_is_queried_through_that_index_only()
    {
        var draft = Assert.Single(ReadyAccessRequests.ForHotKeys(Catalog, "Orders", "ByStatus", ["PENDING"], Incident));

        Assert.Equal(["ByStatus"], draft.Indexes);
        Assert.Equal(["dynamodb:Query"], draft.Actions);
    }
}
