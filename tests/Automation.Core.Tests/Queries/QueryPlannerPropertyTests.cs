using Automation.Core.Errors;
using Automation.Core.Queries;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using static Automation.Core.Tests.Queries.QuerySamples;

namespace Automation.Core.Tests.Queries;

public class QueryPlannerPropertyTests
{
    /// <summary>A template with every kind of binding: key, BETWEEN, filters of text and number, contains, begins_with.</summary>
    private static readonly QueryTemplate Probe = new(
        "injection-probe", "Every binding", "team-orders", "orders", QueryOperation.Query, null, "who",
        new SortKeyCondition(ConditionOperator.Between, "from", "to"),
        [
            new FilterCondition("status", ConditionOperator.NotEqual, "status", null),
            new FilterCondition("total", ConditionOperator.GreaterThanOrEqual, "minTotal", null),
            new FilterCondition("note", ConditionOperator.Contains, "word", null),
            new FilterCondition("city", ConditionOperator.BeginsWith, "city", null),
            new FilterCondition("email", ConditionOperator.AttributeExists, null, null),
        ],
        ["note"], false, 10, 2, 100, null,
        [Text("who", required: true), Text("from"), Text("to"), Text("status"), Number("minTotal"), Text("word"), Text("city")]);

    private static readonly string[] OptionalTexts = ["status", "word", "city"];

    /// <summary>Characters that no expression ever contains: a value holding one cannot appear in one by coincidence.</summary>
    private static readonly string[] Foreign = ["'", "\"", ";", "$", "%", "\\", "é", "\n", "--"];

    /// <summary>Text built from expression syntax (placeholders, operators, keywords) plus at least one foreign character.</summary>
    private static readonly Gen<string> Hostile =
        from count in Gen.Choose(0, 4)
        from before in Gen.ListOf(Gen.Elements("#k0", ":v0", ":v1", "#a0", " AND ", " OR ", "(", ")", "=", "<>", ",", "pk", "x", "1", " ", "attribute_exists(", "begins_with("), count)
        from foreign in Gen.Elements(Foreign)
        from after in Gen.ListOf(Gen.Elements("#k1", ":v2", " BETWEEN ", "sk", ")", " ", "z"))
        select string.Concat(before) + foreign + string.Concat(after);

    private static readonly Gen<string> Numbers =
        from negative in Gen.Elements("", "-")
        from whole in Gen.Choose(0, 999_999)
        from fraction in Gen.Elements("", ".5", ".25", ".000001")
        from exponent in Gen.Elements("", "e3", "E-7", "e+20")
        select $"{negative}{whole}{fraction}{exponent}";

    internal sealed record Binding(Dictionary<string, string?> Values)
    {
        public override string ToString() => string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"));
    }

    private static readonly Arbitrary<Binding> Bindings = (
        from who in Hostile
        from between in Gen.Elements(true, false)
        from from_ in Hostile
        from to in Hostile
        from texts in Gen.ListOf(Gen.Elements(true, false), OptionalTexts.Length)
        from textValues in Gen.ListOf(Hostile, OptionalTexts.Length)
        from withNumber in Gen.Elements(true, false)
        from number in Numbers
        select new Binding(new[] { ("who", (string?)who) }
            .Concat(between ? [("from", from_), ("to", to)] : [])
            .Concat(OptionalTexts.Select((name, i) => (name, texts[i] ? textValues[i] : null)).Where(x => x.Item2 is not null))
            .Concat(withNumber ? [("minTotal", number)] : [])
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal))).ToArbitrary();

    /// <summary>The same parameters given, with harmless values.</summary>
    private static Dictionary<string, string?> Dummies(Dictionary<string, string?> values) =>
        values.ToDictionary(v => v.Key, v => (string?)(v.Key == "minTotal" ? "1" : "x"), StringComparer.Ordinal);

    /// <summary>
    /// Whatever the values (built from expression syntax, with characters no expression holds), they reach DynamoDB only
    /// through ExpressionAttributeValues: no expression string contains one, the expressions are exactly those of the same
    /// parameters with harmless values, and every value is bound verbatim, typed.
    /// </summary>
    [Fact]
    public void A_parameter_value_never_appears_in_an_expression()
    {
        PropertyCases.ForAll(Bindings, binding =>
        {
            QueryPlan plan = QueryPlanner.Plan(Probe, Orders(Probe), binding.Values);
            QueryPlan shape = QueryPlanner.Plan(Probe, Orders(Probe), Dummies(binding.Values));

            foreach ((string name, string? value) in binding.Values)
            {
                Assert.All(plan.Expressions, e => Assert.DoesNotContain(value!, e, StringComparison.Ordinal));
                Assert.All(plan.ExpressionAttributeNames.Values, n => Assert.NotEqual(value, n));
                ParameterType type = name == "minTotal" ? ParameterType.Number : ParameterType.Text;
                Assert.Contains(plan.ExpressionAttributeValues.Values, v => v.Text == value && v.Type == type);
            }

            Assert.Equal(shape.KeyConditionExpression, plan.KeyConditionExpression);
            Assert.Equal(shape.FilterExpression, plan.FilterExpression);
            Assert.Equal(shape.ProjectionExpression, plan.ProjectionExpression);
            Assert.Equal(shape.ExpressionAttributeNames, plan.ExpressionAttributeNames);
            Assert.Equal(shape.ExpressionAttributeValues.Keys, plan.ExpressionAttributeValues.Keys);
            Assert.Equal(binding.Values.Count, plan.ExpressionAttributeValues.Count);

            // DynamoDB refuses a request with a placeholder no expression uses.
            string expressions = string.Join(" ", plan.Expressions) + " ";
            Assert.All(plan.ExpressionAttributeNames.Keys, n => Assert.Matches(System.Text.RegularExpressions.Regex.Escape(n) + "[^0-9]", expressions));
            Assert.All(plan.ExpressionAttributeValues.Keys, v => Assert.Matches(System.Text.RegularExpressions.Regex.Escape(v) + "[^0-9]", expressions));
        });
    }

    internal sealed record PrefixCase(string Prefix, string Key);

    private static readonly Gen<string> KeyText = Gen.Choose(1, 14).SelectMany(n => Gen.ListOf(Gen.Elements('a', 'c', 'e', 'm', 't', '#', '1', 'A'), n)).Select(c => new string([.. c]));

    private static readonly Arbitrary<PrefixCase> PrefixCases = (
        from prefix in KeyText
        from key in Gen.Frequency((1, KeyText.Select(suffix => prefix + suffix)), (1, Gen.Constant(prefix)), (3, KeyText), (1, KeyText.Select(k => k + prefix)))
        select new PrefixCase(prefix, key)).ToArbitrary();

    /// <summary>
    /// On a key-prefix segment, a partition key that does not start with the prefix is always refused (InvalidInput on
    /// the parameter, the message naming the prefix) and one that does is always planned; a Scan is always confined by
    /// a begins_with filter on the prefix.
    /// </summary>
    [Fact]
    public void A_key_outside_the_prefix_is_always_refused()
    {
        PropertyCases.ForAll(PrefixCases, c =>
        {
            var segment = Acme(c.Prefix);
            if (c.Key.StartsWith(c.Prefix, StringComparison.Ordinal))
            {
                QueryPlan plan = QueryPlanner.Plan(AcmeOrders, segment, Args(("tenantCustomer", c.Key)));
                Assert.Equal(c.Key, plan.ExpressionAttributeValues[":v0"].Text);
            }
            else
            {
                AutomationException error = Assert.Throws<AutomationException>(() => QueryPlanner.Plan(AcmeOrders, segment, Args(("tenantCustomer", c.Key))));
                Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
                Assert.Equal("$.parameters.tenantCustomer", error.Field);
                Assert.Contains($"'{c.Prefix}'", error.Message, StringComparison.Ordinal);
            }

            QueryPlan scan = QueryPlanner.Plan(AcmeScan, segment, Args());
            Assert.Equal("begins_with(#k0, :v0)", scan.FilterExpression);
            Assert.Equal(c.Prefix, scan.ExpressionAttributeValues[":v0"].Text);
        });
    }
}
