using ScalingGpu.Cli;

// Start-up: the fit path warms up on a second thread while this one builds only the invoked subcommand and parses.
Warmup.Start(args);
return Cli.Run(Cli.CreateRoot(args.Length > 0 ? args[0] : null), args);
