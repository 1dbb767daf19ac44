using Refrain.Cli;

return await RefrainCli.InvokeAsync(args);
