using ScalingGpu.Cli;

// Only the invoked subcommand's options are built (start-up); tests and help get the full tree.
return Cli.Run(Cli.CreateRoot(args.Length > 0 ? args[0] : null), args);
