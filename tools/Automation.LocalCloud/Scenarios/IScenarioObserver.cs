using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Scenarios;

/// <summary>Live progress of a scenario (the CLI prints it; tests ignore it). Every member is optional.</summary>
public interface IScenarioObserver
{
    static IScenarioObserver None { get; } = new Silent();

    void Arranged(Scenario scenario, Deployment.StackDeployment stack)
    {
    }

    void ExecutionStarted(string executionName, string executionArn, IReadOnlyList<string> matchedRules)
    {
    }

    void NotDelivered(string reason)
    {
    }

    void StateEntered(string state, string type)
    {
    }

    void TaskFailed(string state, string errorType, string? cause)
    {
    }

    void StateExited(TimelineEntry entry)
    {
    }

    void Highlight(string label, JsonNode? value)
    {
    }

    void InteractionSent(string state, string kind)
    {
    }

    /// <summary>The access API answered a call (<paramref name="where"/>: <c>trigger</c>).</summary>
    void AccessCalled(string where, string action, string caller, AccessResponse response)
    {
    }

    /// <summary>Every execution the play started besides the followed one has ended (or the deadline came).</summary>
    void Settled(IReadOnlyList<ExecutionReport> executions)
    {
    }

    void Finished(ScenarioResult result)
    {
    }

    private sealed class Silent : IScenarioObserver;
}
