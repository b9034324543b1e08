namespace Automation.Workflow.Tests;

public class PlaceholderTests { }
