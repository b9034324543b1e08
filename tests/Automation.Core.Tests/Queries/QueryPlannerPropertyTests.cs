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
            // DynamoDB (and the planner) refuse a BETWEEN whose lower bound is above its upper: give them in order.
            .Concat(between ? Ordered(from_, to) : [])
            .Concat(OptionalTexts.Select((name, i) => (name, texts[i] ? textValues[i] : null)).Where(x => x.Item2 is not null))
            .Concat(withNumber ? [("minTotal", number)] : [])
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal))).ToArbitrary();

    private static (string, string?)[] Ordered(string a, string b) =>
        KeyValues.Compare(ParameterType.Text, a, b) <= 0 ? [("from", a), ("to", b)] : [("from", b), ("to", a)];

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

    /// <summary>Query on the table: pk = :who, sk BETWEEN :from AND :to, filter total BETWEEN :low AND :high (numbers).</summary>
    private static readonly QueryTemplate Bounds = new(
        "bounds-probe", "Keys and bounds", "team-orders", "orders", QueryOperation.Query, null, "who",
        new SortKeyCondition(ConditionOperator.Between, "from", "to"),
        [new FilterCondition("total", ConditionOperator.Between, "low", "high")],
        [], false, 10, 2, 100, null,
        [Text("who", required: true), Text("from"), Text("to"), Number("low"), Number("high")]);

    /// <summary>1, 2, 3 and 4 UTF-8 bytes; U+FFFD and U+1F600 sort differently in UTF-8 and UTF-16.</summary>
    private static readonly string[] Units = ["a", "z", "0", "#", "é", "€", "\uFFFD", "\U0001F600"];

    private static Gen<string> KeyValue(int limit) =>
        Gen.Frequency(
            (3, Gen.Choose(1, 6).SelectMany(n => Gen.ListOf(Gen.Elements(Units), n)).Select(string.Concat)),
            // Near DynamoDB's limit: a run of one unit that ends a few bytes either side of it, then a short tail.
            (2, from unit in Gen.Elements(Units)
                from over in Gen.Choose(-8, 8)
                from tail in Gen.Elements("", "a", "é")
                select string.Concat(Enumerable.Repeat(unit, Math.Max(1, (limit + over) / System.Text.Encoding.UTF8.GetByteCount(unit)))) + tail));

    internal sealed record DecimalNumber(System.Numerics.BigInteger Mantissa, int Exponent, string Text)
    {
        public override string ToString() => Text;
    }

    private static readonly Gen<DecimalNumber> Decimals =
        from mantissa in Gen.Choose(-20_000, 20_000)
        from exponent in Gen.Choose(-6, 6)
        from form in Gen.Choose(0, 2)
        select new DecimalNumber(mantissa, exponent, form switch
        {
            0 => $"{mantissa}e{exponent}",
            1 => $"{mantissa}E{exponent:+0;-0;+0}",
            _ => Plain(mantissa, exponent),
        });

    /// <summary>mantissa × 10^exponent written without an exponent (123, 1.23, -0.000123, 12300).</summary>
    private static string Plain(int mantissa, int exponent)
    {
        string digits = Math.Abs(mantissa).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string sign = mantissa < 0 ? "-" : "";
        if (exponent >= 0)
        {
            return sign + digits + new string('0', exponent);
        }

        digits = digits.PadLeft(-exponent + 1, '0');
        return sign + digits[..^(-exponent)] + "." + digits[^(-exponent)..];
    }

    internal sealed record BoundsCase(string Who, string? From, string? To, DecimalNumber? Low, DecimalNumber? High)
    {
        public override string ToString() =>
            $"who={Who.Length} chars/{Bytes(Who)} B, from={From?.Length}/{(From is null ? 0 : Bytes(From))} B, to={To?.Length}/{(To is null ? 0 : Bytes(To))} B, low={Low}, high={High}";
    }

    private static readonly Arbitrary<BoundsCase> BoundsCases = (
        from who in KeyValue(KeyValues.MaxPartitionKeyBytes)
        from sortBounds in Gen.Elements(true, false)
        from from_ in KeyValue(KeyValues.MaxSortKeyBytes)
        from to in KeyValue(KeyValues.MaxSortKeyBytes)
        from numberBounds in Gen.Elements(true, false)
        from low in Decimals
        from high in Decimals
        select new BoundsCase(who, sortBounds ? from_ : null, sortBounds ? to : null, numberBounds ? low : null, numberBounds ? high : null)).ToArbitrary();

    private static int Bytes(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

    /// <summary>The test's own order of UTF-8 strings: byte by byte, unsigned, a prefix first.</summary>
    private static int Utf8Order(string a, string b)
    {
        byte[] x = System.Text.Encoding.UTF8.GetBytes(a);
        byte[] y = System.Text.Encoding.UTF8.GetBytes(b);
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i] < y[i] ? -1 : 1;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>The test's own order of decimals: both scaled to the smaller exponent, as integers.</summary>
    private static int DecimalOrder(DecimalNumber a, DecimalNumber b)
    {
        int exponent = Math.Min(a.Exponent, b.Exponent);
        return (a.Mantissa * System.Numerics.BigInteger.Pow(10, a.Exponent - exponent))
            .CompareTo(b.Mantissa * System.Numerics.BigInteger.Pow(10, b.Exponent - exponent));
    }

    /// <summary>
    /// Whatever the values, a plan the planner accepts binds a partition key of at most 2,048 UTF-8 bytes, sort key
    /// bounds of at most 1,024 and BETWEEN bounds in order (strings by UTF-8 bytes, numbers by value): the request can
    /// never be one DynamoDB refuses for its values. And the planner refuses exactly those, as InvalidInput naming a
    /// parameter at fault (the upper bound for a reversed BETWEEN).
    /// </summary>
    [Fact]
    public void Accepted_bounds_are_in_order_and_keys_within_DynamoDBs_sizes()
    {
        int accepted = 0;
        int refused = 0;
        PropertyCases.ForAll(BoundsCases, c =>
        {
            var faults = new HashSet<string>(StringComparer.Ordinal);
            if (Bytes(c.Who) > KeyValues.MaxPartitionKeyBytes)
            {
                faults.Add("$.parameters.who");
            }

            if (c.From is not null && c.To is not null)
            {
                if (Bytes(c.From) > KeyValues.MaxSortKeyBytes)
                {
                    faults.Add("$.parameters.from");
                }

                if (Bytes(c.To) > KeyValues.MaxSortKeyBytes || Utf8Order(c.From, c.To) > 0)
                {
                    faults.Add("$.parameters.to");
                }
            }

            if (c.Low is not null && c.High is not null && DecimalOrder(c.Low, c.High) > 0)
            {
                faults.Add("$.parameters.high");
            }

            var args = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["who"] = c.Who,
                ["from"] = c.From,
                ["to"] = c.To,
                ["low"] = c.Low?.Text,
                ["high"] = c.High?.Text,
            };
            foreach (string absent in args.Where(a => a.Value is null).Select(a => a.Key).ToList())
            {
                args.Remove(absent);
            }

            if (faults.Count == 0)
            {
                QueryPlan plan = QueryPlanner.Plan(Bounds, Orders(Bounds), args);
                accepted++;
                string Bound(string name) => plan.ExpressionAttributeValues.Values.First(v => v.Text == args[name] && v.Type == (name is "low" or "high" ? ParameterType.Number : ParameterType.Text)).Text;
                Assert.True(Bytes(Bound("who")) <= KeyValues.MaxPartitionKeyBytes);
                if (c.From is not null)
                {
                    Assert.True(Bytes(Bound("from")) <= KeyValues.MaxSortKeyBytes && Bytes(Bound("to")) <= KeyValues.MaxSortKeyBytes);
                    Assert.True(Utf8Order(Bound("from"), Bound("to")) <= 0);
                }

                if (c.Low is not null)
                {
                    Assert.True(DecimalOrder(c.Low, c.High!) <= 0);
                    Assert.Contains("#a0 BETWEEN", plan.FilterExpression, StringComparison.Ordinal);
                }
            }
            else
            {
                AutomationException error = Assert.Throws<AutomationException>(() => QueryPlanner.Plan(Bounds, Orders(Bounds), args));
                refused++;
                Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
                Assert.Contains(error.Field ?? "(none)", faults);
            }
        });

        // Both sides of the property were exercised.
        Assert.True(accepted > 0 && refused > 0, $"accepted {accepted}, refused {refused}");
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
