namespace Automation.Core.Diagnosis;

/// <summary>Why a table throttles. A diagnosis has exactly one kind; see <see cref="ThrottleDiagnoser"/> for precedence.</summary>
public enum DiagnosisKind
{
    /// <summary>The table's (or a GSI's read) provisioned capacity was exhausted.</summary>
    ProvisionedCapacityExhausted,

    /// <summary>A single partition hit its limit (3,000 RCU/s, 1,000 WCU/s): a hot key or key range.</summary>
    HotKey,

    /// <summary>A GSI short of write capacity throttled writes to the base table.</summary>
    GsiWriteBackPressure,

    /// <summary>An on-demand table or GSI reached its configured maximum (OnDemandThroughput).</summary>
    OnDemandMaximumReached,

    /// <summary>An account-level throughput quota throttled the requests.</summary>
    AccountLimitReached,

    /// <summary>No throttling in the window: a false alarm.</summary>
    NotThrottling,

    /// <summary>The facts cannot tell why (metrics missing, or throttling without a reason metric).</summary>
    InsufficientData,
}
