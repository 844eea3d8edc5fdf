using ScalingGpu.Cli;

return Cli.Run(Cli.CreateRoot(), args);
