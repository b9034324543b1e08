namespace Automation.Template.Tests;

public class PlaceholderTests { }
