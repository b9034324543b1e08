namespace Automation.Core.Incidents;

/// <summary>
/// Persistence of incidents, their timelines and the capacity-mode switch history. Every write is
/// conditional: opening never overwrites, updates carry an optimistic lock, appends never duplicate.
/// </summary>
public interface IIncidentStore
{
    /// <summary>
    /// Creates the incident unless one with its id exists; either way returns the stored one.
    /// </summary>
    Task<IncidentOpening> OpenAsync(Incident incident, CancellationToken cancellationToken);

    /// <summary>The incident, or null when there is none with that id (strongly consistent read).</summary>
    Task<Incident?> GetAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the incident, applies <paramref name="change"/> (a pure <see cref="IncidentLifecycle"/>
    /// function) and writes the result only if it differs, on condition that nobody wrote in between.
    /// </summary>
    /// <exception cref="Errors.AutomationException">
    /// <c>InvalidInput</c> when there is no such incident; <c>ConcurrentModification</c> when another
    /// writer won the race (retry: the change is re-applied to the new state).
    /// </exception>
    Task<IncidentUpdate> UpdateAsync(string incidentId, Func<Incident, Incident> change, CancellationToken cancellationToken);

    /// <summary>Adds a timeline entry; false when the same (start time, step) entry is already there.</summary>
    Task<bool> AppendTimelineAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>The incident's timeline, oldest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>A table's incidents opened in [<paramref name="openedFrom"/>, <paramref name="openedBefore"/>), oldest first.</summary>
    IAsyncEnumerable<Incident> ListByTableAsync(string tableName, DateTimeOffset openedFrom, DateTimeOffset openedBefore, CancellationToken cancellationToken);

    /// <summary>Records a capacity-mode switch; false when it was already recorded.</summary>
    Task<bool> RecordModeSwitchAsync(CapacityModeSwitch modeSwitch, CancellationToken cancellationToken);

    /// <summary>A table's switches of the given kind made in [<paramref name="switchedFrom"/>, <paramref name="switchedBefore"/>), oldest first.</summary>
    Task<IReadOnlyList<CapacityModeSwitch>> ModeSwitchesAsync(
        string tableName, CapacityModeChange change, DateTimeOffset switchedFrom, DateTimeOffset switchedBefore, CancellationToken cancellationToken);
}
