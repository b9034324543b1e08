// The `bootstrap` of a provided.al2023 custom runtime: _HANDLER picks the step.
return await LambdaBootstrap.RunAsync().ConfigureAwait(false);
