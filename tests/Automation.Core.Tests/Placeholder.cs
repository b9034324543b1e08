namespace Automation.Core.Tests;
public class PlaceholderTests { }
