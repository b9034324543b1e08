namespace Automation.Functions.Host;

/// <summary>Source-generated JSON for the Runtime API error body: <c>{"errorType","errorMessage","stackTrace"}</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InvocationError))]
public sealed partial class RuntimeApiJsonContext : JsonSerializerContext;
