namespace Automation.Functions.Tests;
public class PlaceholderTests { }
