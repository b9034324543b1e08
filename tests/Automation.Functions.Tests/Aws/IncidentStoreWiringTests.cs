using Amazon.DynamoDBv2.Model;
using Automation.Core.Errors;
using Automation.Functions.Aws;
using Automation.Functions.Host;
using Automation.Tests.Fakes;
using Automation.Tests.Moto;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Aws;

/// <summary>
/// How the deployed functions find DynamoDB and their table: only through the standard SDK
/// environment and INCIDENTS_TABLE. These tests change process environment variables, so they run
/// in the moto collection (serially) and restore every variable they touch.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class IncidentStoreWiringTests(MotoServer moto)
{
    [Theory]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB")]
    [InlineData("AWS_ENDPOINT_URL")]
    public async Task The_client_follows_the_standard_endpoint_variables(string variable)
    {
        using var admin = moto.CreateDynamoDbClient();
        var table = await IncidentTables.CreateAsync(admin);
        using var env = new EnvironmentScope(new()
        {
            [variable] = moto.Endpoint.ToString(),
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
        });

        using var client = (IDisposable)SharedDynamoDbClient.Create();
        var described = await ((Amazon.DynamoDBv2.IAmazonDynamoDB)client).DescribeTableAsync(new DescribeTableRequest { TableName = table });

        Assert.Equal(table, described.Table.TableName);
    }

    [Fact]
    public void The_catalog_offers_the_incident_steps_without_creating_a_client_or_reading_the_table()
    {
        using var env = new EnvironmentScope(new() { [IncidentStoreProvider.TableVariable] = null });

        var catalog = HandlerCatalog.Create(new StepServices(NullLoggerFactory.Instance, new DiscardMetrics(), TimeProvider.System));

        Assert.Superset(
            new HashSet<string> { "NormalizeTrigger", "OpenIncident", "RecordIncidentStep", "RequestApproval", "CloseIncident", "RecordIncidentFailure" },
            catalog.Keys.ToHashSet());
        Assert.False(SharedDynamoDbClient.IsCreated);
    }

    [Fact]
    public void The_table_and_retention_come_from_the_environment()
    {
        using (new EnvironmentScope(new() { [IncidentStoreProvider.TableVariable] = "prod-incidents", [IncidentStoreProvider.RetentionDaysVariable] = "30" }))
        {
            var options = IncidentStoreProvider.OptionsFromEnvironment();
            Assert.Equal("prod-incidents", options.TableName);
            Assert.Equal(TimeSpan.FromDays(30), options.TimelineRetention);
        }

        using (new EnvironmentScope(new() { [IncidentStoreProvider.TableVariable] = "prod-incidents", [IncidentStoreProvider.RetentionDaysVariable] = null }))
        {
            Assert.Equal(TimeSpan.FromDays(90), IncidentStoreProvider.OptionsFromEnvironment().TimelineRetention);
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("incidents", "0")]
    [InlineData("incidents", "ninety")]
    public void Missing_or_bad_settings_fail_as_a_deployment_fault(string? table, string? days)
    {
        using var env = new EnvironmentScope(new() { [IncidentStoreProvider.TableVariable] = table, [IncidentStoreProvider.RetentionDaysVariable] = days });

        var error = Assert.Throws<AutomationException>(IncidentStoreProvider.OptionsFromEnvironment);

        Assert.Equal(ErrorTypes.InternalError, error.ErrorType);
    }

    /// <summary>Sets variables for one test and puts the old values back.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved = [];

        public EnvironmentScope(Dictionary<string, string?> values)
        {
            foreach (var (name, value) in values)
            {
                _saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
