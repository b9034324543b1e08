return await Automation.LocalCloud.Cli.CommandLine.RunAsync(args).ConfigureAwait(false);
