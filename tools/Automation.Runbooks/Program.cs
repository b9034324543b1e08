using Automation.Runbooks;

return RunbooksCommand.Run(args, Console.Out, Console.Error);
