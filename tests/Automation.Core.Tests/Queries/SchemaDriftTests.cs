using Automation.Core.Queries;
using Automation.Core.Segments;

using static Automation.Core.Tests.Queries.QuerySamples;

namespace Automation.Core.Tests.Queries;

public class SchemaDriftTests
{
    private static KeyElement S(string name) => new(name, KeyAttributeType.S);

    [Fact]
    public void The_declared_schema_matches_itself_and_extra_table_indexes_are_not_drift()
    {
        var withExtra = Schema with { Indexes = [.. Schema.Indexes, new IndexSchema("ByEmail", IndexKind.Global, new KeySchema(S("email"), null))] };

        Assert.Empty(SchemaDrift.Compare(Schema, Schema));
        Assert.Empty(SchemaDrift.Compare(Schema, withExtra));
    }

    [Fact]
    public void A_changed_table_key_names_the_field_and_both_sides()
    {
        var actual = Schema with { Keys = new KeySchema(S("pk"), S("orderId")) };

        string problem = Assert.Single(SchemaDrift.Compare(Schema, actual));

        Assert.Equal("schema.sortKey: declared sk (S), the table has orderId (S)", problem);
    }

    [Fact]
    public void A_changed_key_type_is_drift()
    {
        var actual = Schema with { Keys = new KeySchema(new KeyElement("pk", KeyAttributeType.N), S("sk")) };

        Assert.Equal(["schema.partitionKey: declared pk (S), the table has pk (N)"], SchemaDrift.Compare(Schema, actual));
    }

    [Fact]
    public void A_missing_index_a_changed_index_key_and_a_changed_kind_are_each_reported()
    {
        var actual = Schema with
        {
            Indexes = [new IndexSchema("ByTotal", IndexKind.Global, new KeySchema(S("pk"), new KeyElement("amount", KeyAttributeType.N)))],
        };

        var problems = SchemaDrift.Compare(Schema, actual);

        Assert.Equal(
        [
            "schema.indexes[0] (ByStatus): the table has no index ByStatus",
            "schema.indexes[1] (ByTotal).kind: declared local, the table's index is global",
            "schema.indexes[1] (ByTotal).sortKey: declared total (N), the table has amount (N)",
        ], problems);
    }

    [Fact]
    public void A_sort_key_added_or_removed_is_drift()
    {
        var hashOnly = Schema with { Keys = new KeySchema(S("pk"), null) };

        Assert.Equal(["schema.sortKey: declared sk (S), the table has none"], SchemaDrift.Compare(Schema, hashOnly));
        Assert.Equal(["schema.sortKey: declared none, the table has sk (S)"], SchemaDrift.Compare(hashOnly, Schema));
    }
}
