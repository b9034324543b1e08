namespace Automation.Core.Guardrails;

/// <summary>How many provisioned-capacity decreases a table or GSI may make right now.</summary>
/// <param name="Available">Decreases allowed now (0..4).</param>
/// <param name="DecreasesToday">Decreases counted for the current UTC day.</param>
/// <param name="NextDecreaseAt">When the next decrease becomes possible if none is available now; else null.</param>
/// <param name="Explanation">Which rule decided.</param>
public sealed record DecreaseBudget(int Available, int DecreasesToday, DateTimeOffset? NextDecreaseAt, string Explanation);
