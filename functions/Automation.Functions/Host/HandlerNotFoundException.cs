namespace Automation.Functions.Host;

/// <summary><c>_HANDLER</c> is missing or names no step in <see cref="HandlerCatalog"/>.</summary>
public sealed class HandlerNotFoundException(string message) : Exception(message);
