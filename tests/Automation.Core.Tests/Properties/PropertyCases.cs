using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

using FsCheck;
using FsCheck.Fluent;

using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Automation.Core.Tests.Properties;

/// <summary>
/// The one setting for how many cases every FsCheck property runs: <c>PROPERTY_TEST_CASES</c> (default
/// <see cref="DefaultCount"/>, what `make test` and CI run); `make soak` sets it to 10,000. Every property
/// goes through <see cref="Check(Property, string, string)"/>, which throws with the counterexample on
/// failure (as QuickThrowOnFailure does) and, when <c>PROPERTY_TEST_REPORT</c> names a file, appends one
/// line per property: name, the number of cases FsCheck actually ran (from its own result), outcome, ms.
/// </summary>
internal static class PropertyCases
{
    public const string CountVariable = "PROPERTY_TEST_CASES";
    public const string ReportVariable = "PROPERTY_TEST_REPORT";

    /// <summary>Cases per property when nothing is set: what the properties ran before the setting existed.</summary>
    public const int DefaultCount = 400;

    private static readonly Lock ReportLock = new();

    /// <summary>Cases each property runs in this test run.</summary>
    public static int Count { get; } = ReadCount();

    /// <summary>Checks <paramref name="property"/> with <see cref="Count"/> cases; throws on failure or exhaustion.</summary>
    public static void Check(Property property, [CallerFilePath] string file = "", [CallerMemberName] string member = "")
    {
        string name = $"{Path.GetFileNameWithoutExtension(file)}.{member}";
        var runner = new CountingRunner(Config.QuickThrowOnFailure.Runner);
        Config config = Config.QuickThrowOnFailure.WithMaxTest(Count).WithRunner(runner);
        var elapsed = Stopwatch.StartNew();
        try
        {
            FsCheck.Check.One(config, property);
        }
        finally
        {
            Report(name, runner, elapsed.ElapsedMilliseconds);
        }
    }

    /// <summary><see cref="Check(Property, string, string)"/> of <c>Prop.ForAll(arbitrary, body)</c>.</summary>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Action<T> body, [CallerFilePath] string file = "", [CallerMemberName] string member = "") =>
        Check(Prop.ForAll(arbitrary, body), file, member);

    private static int ReadCount()
    {
        string? value = Environment.GetEnvironmentVariable(CountVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultCount;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
            ? count
            : throw new InvalidOperationException($"{CountVariable}={value}: expected a positive whole number of cases per property.");
    }

    private static void Report(string name, CountingRunner runner, long milliseconds)
    {
        string? path = Environment.GetEnvironmentVariable(ReportVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        string line = string.Create(CultureInfo.InvariantCulture, $"{name}\t{runner.Tests}\t{runner.Outcome}\t{milliseconds}\n");
        lock (ReportLock)
        {
            File.AppendAllText(path, line);
        }
    }

    /// <summary>Records FsCheck's own count of the cases it ran, then lets the throwing runner report the result.</summary>
    private sealed class CountingRunner(IRunner inner) : IRunner
    {
        public int Tests { get; private set; } = -1;

        public string Outcome { get; private set; } = "NotFinished";

        public void OnStartFixture(Type t) => inner.OnStartFixture(t);

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every) =>
            inner.OnArguments(ntest, args, every);

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink) =>
            inner.OnShrink(args, everyShrink);

        public void OnFinished(string name, TestResult testResult)
        {
            (Tests, Outcome) = testResult switch
            {
                TestResult.Passed passed => (passed.Item1.NumberOfTests, "Passed"),
                TestResult.Failed failed => (failed.Item1.NumberOfTests, "Failed"),
                TestResult.Exhausted exhausted => (exhausted.Item.NumberOfTests, "Exhausted"),
                _ => (-1, testResult.GetType().Name),
            };
            inner.OnFinished(name, testResult);
        }
    }
}
