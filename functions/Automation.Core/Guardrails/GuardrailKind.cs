namespace Automation.Core.Guardrails;

/// <summary>The guardrail a note or a refusal is about.</summary>
public enum GuardrailKind
{
    /// <summary>A capacity or on-demand maximum ceiling.</summary>
    Ceiling,

    /// <summary>The monthly cost cap.</summary>
    CostCap,

    /// <summary>DynamoDB's decrease quota.</summary>
    DecreaseBudget,

    /// <summary>Never scale down while throttling.</summary>
    NoDecreaseWhileThrottling,

    /// <summary>Provisioned → on-demand switches per rolling 24 h, or the switch policy.</summary>
    ModeSwitch,

    /// <summary>Shard count bounds.</summary>
    ShardBounds,

    /// <summary>Dry-run configured or requested.</summary>
    DryRun,

    /// <summary>Raising an on-demand maximum is not allowed (<c>onDemand.raiseMaximum</c> is false).</summary>
    OnDemandMaximumPolicy,

    /// <summary>Application Auto Scaling manages the capacity: the suite does not set it (the two would fight).</summary>
    AutoScaling,
}
