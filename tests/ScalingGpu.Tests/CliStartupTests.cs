using ScalingGpu.Cli;

namespace ScalingGpu.Tests;

/// <summary>
/// The executable builds only the invoked subcommand in full (start-up); whatever it parses or prints must be what the
/// full command tree gives.
/// </summary>
public sealed class CliStartupTests
{
    public static TheoryData<string[]> Invocations => new()
    {
        new[] { "fit", "--help" },
        new[] { "compare", "--help" },
        new[] { "sweep", "--help" },
        new[] { "plot", "--help" },
        new[] { "devices", "--help" },
        new[] { "fit", "data.csv", "--method", "bad" },
        new[] { "fit", "data.csv", "--no-such-option" },
        new[] { "fit" },
        new[] { "compare", "a.csv" },
        new[] { "sweep", "config.yaml", "--shard", "3/2" },
        new[] { "plot" },
        new[] { "--help" },
        new[] { "fitt", "data.csv" },
        Array.Empty<string>(),
    };

    [Theory]
    [MemberData(nameof(Invocations))]
    public void LazyTree_ParsesAndPrintsLikeTheFullTree(string[] args)
    {
        var full = Run(Cli.Cli.CreateRoot(), args);
        var lazy = Run(Cli.Cli.CreateRoot(args.Length > 0 ? args[0] : null), args);
        Assert.Equal(full, lazy);
    }

    [Fact]
    public void LazyTree_BuildsOnlyTheInvokedSubcommand()
    {
        var root = Cli.Cli.CreateRoot("fit");
        Assert.Equal(Cli.Cli.CreateRoot().Subcommands.Select(c => (c.Name, c.Description)), root.Subcommands.Select(c => (c.Name, c.Description)));
        Assert.NotEmpty(root.Subcommands.Single(c => c.Name == "fit").Options);
        Assert.All(root.Subcommands.Where(c => c.Name != "fit"), c => Assert.Empty(c.Options));
    }

    [Fact]
    public void Warmup_FitsItsSyntheticTable()
    {
        // The warm-up swallows exceptions (it must never disturb a run), so check here that it does real work.
        var fit = Cli.Warmup.Fit().Surfaces.Single();
        Assert.Equal(ScalingGpu.Fitting.FitStatus.Converged, fit.Status);
        Assert.Equal(ScalingGpu.Models.NamedSurfaces.Chinchilla.Alpha, fit.Surface.Alpha, 1e-4);
        Assert.Equal(ScalingGpu.Models.NamedSurfaces.Chinchilla.Beta, fit.Surface.Beta, 1e-4);
    }

    static (int, string, string) Run(System.CommandLine.RootCommand root, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Cli.Cli.Run(root, args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
