// The incident tests' settable clock is the shared ManualTimeProvider (tests/Shared/Fakes); this name
// stays for IncidentHandlerHarness.Clock and Steps/ThrottlingStepFixtureTests until they use it directly.
global using ManualClock = Automation.Tests.Fakes.ManualTimeProvider;
