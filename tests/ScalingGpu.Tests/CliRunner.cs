namespace ScalingGpu.Tests;

/// <summary>Runs the scalinggpu command tree in-process and captures stdout, stderr and the exit code.</summary>
internal static class CliRunner
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ScalingGpu.Cli.Cli.Run(ScalingGpu.Cli.Cli.CreateRoot(), args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The Llama 3 column mapping as CLI arguments.</summary>
    public static string[] Llama3Args(params string[] more) =>
        ["fit", TestData.PathOf("llama3_isoflops.csv"), "--tokens", "training_tokens", "--compute", "compute_budget",
         "--loss", "validation_loss", "--budget", "compute_budget", .. more];

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "scalinggpu-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
