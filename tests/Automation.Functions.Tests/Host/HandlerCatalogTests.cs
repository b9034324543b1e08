using Automation.Functions.Host;
using Automation.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// <see cref="HandlerCatalog"/>: every step is creatable alone by its name, alone means alone (the bootstrap's init
/// builds no other step), and the full catalog is the same steps.
/// </summary>
public sealed class HandlerCatalogTests
{
    public static TheoryData<string> StepNames() => new(HandlerCatalog.Names);

    [Fact]
    public void NamesAreUniqueAndAreTheFullCatalogsKeys()
    {
        Assert.Equal(HandlerCatalog.Names.Count, HandlerCatalog.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(HandlerCatalog.Names.Order(StringComparer.Ordinal), StoreFreeCatalog.Create().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public void EveryNameIsCreatableWithoutTouchingAStoreOrTheRunbooks(string name) =>
        Assert.Equal(name, StoreFreeCatalog.CreateStep(name).Name);

    [Theory]
    [MemberData(nameof(StepNames))]
    public void EveryNameIsCreatableWithTheDeployedConfigurationAndNoEnvironment(string name) =>
        Assert.Equal(name, HandlerCatalog.CreateStep(name, Services(NullLoggerFactory.Instance)).Name);

    [Theory]
    [MemberData(nameof(StepNames))]
    public void CreateStepBuildsWhatTheFullCatalogHoldsUnderThatName(string name)
    {
        var alone = StoreFreeCatalog.CreateStep(name);
        var inCatalog = StoreFreeCatalog.Create()[name];

        Assert.Equal(inCatalog.GetType(), alone.GetType());
        Assert.Equal(inCatalog.Name, alone.Name);
        Assert.Equal(inCatalog.RetryableErrors, alone.RetryableErrors);
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public void OnlyTheSelectedStepIsConstructed(string name)
    {
        // Every handler's constructor (StepHandler's) asks for its logger, category = its type; nothing else does here.
        var loggers = new RecordingLoggerFactory();

        var handler = HandlerCatalog.CreateStep(name, Services(loggers), StoreFreeCatalog.Dependencies());

        Assert.Equal([handler.GetType().FullName!], loggers.Categories);
    }

    [Fact]
    public void TheFullCatalogConstructsEveryStepOnce()
    {
        var loggers = new RecordingLoggerFactory();

        var catalog = HandlerCatalog.Create(Services(loggers), StoreFreeCatalog.Dependencies());

        Assert.Equal(catalog.Values.Select(h => h.GetType().FullName!).Order(StringComparer.Ordinal), loggers.Categories.Order(StringComparer.Ordinal));
        Assert.Equal(HandlerCatalog.Names.Count, loggers.Categories.Count);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("normalizetrigger")]
    [InlineData("NormalizeTrigger ")]
    public void AnUnknownNameIsRefusedListingEveryKnownName(string name)
    {
        var refused = Assert.Throws<HandlerNotFoundException>(() => StoreFreeCatalog.CreateStep(name));

        Assert.Equal($"No step named '{name}' in this bootstrap. Set the function's Handler to one of: {KnownNames()}.", refused.Message);
        Assert.All(HandlerCatalog.Names, known => Assert.Contains(known, refused.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AMissingNameIsRefusedListingEveryKnownName(string? name)
    {
        var refused = Assert.Throws<HandlerNotFoundException>(() => HandlerCatalog.CreateStep(name, Services(NullLoggerFactory.Instance)));

        Assert.Equal($"_HANDLER is not set. Set the function's Handler to one of: {KnownNames()}.", refused.Message);
    }

    [Fact]
    public void AnUnknownNameBuildsNothing()
    {
        var loggers = new RecordingLoggerFactory();

        Assert.Throws<HandlerNotFoundException>(() => HandlerCatalog.CreateStep("Nope", Services(loggers), StoreFreeCatalog.Dependencies()));

        Assert.Empty(loggers.Categories);
    }

    private static string KnownNames() => string.Join(", ", HandlerCatalog.Names.Order(StringComparer.Ordinal));

    private static StepServices Services(ILoggerFactory loggers) => new(loggers, new DiscardMetrics(), TimeProvider.System);

    /// <summary>Records the category of every logger asked for.</summary>
    private sealed class RecordingLoggerFactory : ILoggerFactory
    {
        public List<string> Categories { get; } = [];

        public ILogger CreateLogger(string categoryName)
        {
            Categories.Add(categoryName);
            return NullLogger.Instance;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
