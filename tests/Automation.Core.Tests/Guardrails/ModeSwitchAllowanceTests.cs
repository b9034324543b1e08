using Automation.Core.Guardrails;

namespace Automation.Core.Tests.Guardrails;

public class ModeSwitchAllowanceTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FourSwitchesInTheRolling24HoursBlockAFifth()
    {
        DateTimeOffset[] switches = [Now.AddHours(-23.9), Now.AddHours(-10), Now.AddHours(-2), Now.AddMinutes(-1)];

        Assert.Equal(4, ModeSwitchAllowance.SwitchesInLast24Hours(switches, Now));
        Assert.False(ModeSwitchAllowance.CanSwitch(switches, Now, GuardrailSettings.Default.OnDemand));
    }

    [Fact]
    public void SwitchesOlderThan24HoursDoNotCount()
    {
        DateTimeOffset[] switches = [Now.AddHours(-24), Now.AddHours(-30), Now.AddHours(-2), Now.AddMinutes(-1)];

        Assert.True(ModeSwitchAllowance.CanSwitch(switches, Now, GuardrailSettings.Default.OnDemand));
    }

    [Fact]
    public void AConfiguredLimitBelowFourApplies()
    {
        OnDemandGuardrails strict = GuardrailSettings.Default.OnDemand with { MaxSwitchesPer24Hours = 1 };

        Assert.False(ModeSwitchAllowance.CanSwitch([Now.AddHours(-5)], Now, strict));
        Assert.True(ModeSwitchAllowance.CanSwitch([], Now, strict));
    }
}
