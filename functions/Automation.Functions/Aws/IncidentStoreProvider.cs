using System.Globalization;
using Amazon.DynamoDBv2;
using Automation.Aws.Incidents;

namespace Automation.Functions.Aws;

/// <summary>
/// Gives the incident steps their store, created on first use. In Lambda the table comes from
/// INCIDENTS_TABLE (set by template.yaml) and the client is <see cref="SharedDynamoDbClient"/>.
/// </summary>
public sealed class IncidentStoreProvider
{
    public const string TableVariable = "INCIDENTS_TABLE";
    public const string RetentionDaysVariable = "INCIDENT_TIMELINE_RETENTION_DAYS";

    private readonly Lazy<IncidentStoreOptions> _options;
    private readonly Lazy<IIncidentStore> _store;

    public IncidentStoreProvider(Func<IncidentStoreOptions> options, Func<IncidentStoreOptions, IIncidentStore> create)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(create);
        _options = new Lazy<IncidentStoreOptions>(options);
        _store = new Lazy<IIncidentStore>(() => create(_options.Value));
    }

    /// <summary>The deployed configuration: environment variables and the shared client.</summary>
    public static IncidentStoreProvider FromEnvironment() =>
        new(OptionsFromEnvironment, options => new DynamoDbIncidentStore(SharedDynamoDbClient.Instance, options));

    /// <summary>A store on the given client and table (tests, tools).</summary>
    public static IncidentStoreProvider For(IAmazonDynamoDB dynamoDb, IncidentStoreOptions options) =>
        new(() => options, o => new DynamoDbIncidentStore(dynamoDb, o));

    public IncidentStoreOptions Options => _options.Value;

    public IIncidentStore Store => _store.Value;

    /// <exception cref="AutomationException"><c>InternalError</c>: the function is deployed without its settings.</exception>
    public static IncidentStoreOptions OptionsFromEnvironment()
    {
        var table = Environment.GetEnvironmentVariable(TableVariable);
        if (string.IsNullOrWhiteSpace(table))
        {
            throw new AutomationException(ErrorTypes.InternalError, $"{TableVariable} is not set: the function's environment must name the incident table (template.yaml).");
        }

        var retention = IncidentStoreOptions.DefaultTimelineRetention;
        if (Environment.GetEnvironmentVariable(RetentionDaysVariable) is { Length: > 0 } days)
        {
            if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                throw new AutomationException(ErrorTypes.InternalError, $"{RetentionDaysVariable} must be a whole number of days, at least 1; got '{days}'.");
            }

            retention = TimeSpan.FromDays(parsed);
        }

        return new IncidentStoreOptions(table.Trim(), retention);
    }
}
