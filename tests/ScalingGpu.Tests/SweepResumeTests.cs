namespace ScalingGpu.Tests;

/// <summary>A part whose writer was killed leaves only its temporary file; --resume redoes that job and removes it.</summary>
public sealed class SweepResumeTests
{
    [Fact]
    public void Resume_RemovesAKilledWritersTemporary_AndRewritesThePart()
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "r.yaml"), outDir = Path.Combine(dir, "out");
        File.WriteAllText(config, "name: r\nseed: 2\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18, 1e19]\n  points_per_budget: 5\n  width: [S, L]\nmethods: [approach2]\nextrapolate_to: [1e24]\n");
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", outDir, "--device", "cpu").Exit);
        string partDir = Path.Combine(outDir, "records", "method=approach2"), part = Path.Combine(partDir, "part-000001.parquet");
        byte[] complete = File.ReadAllBytes(part);
        // As a SIGKILL mid-write leaves it: the part never renamed into place, its temporary half written.
        File.Delete(part);
        string stale = Path.Combine(partDir, $".part-000001.parquet.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(stale, complete.AsSpan(0, complete.Length / 2).ToArray());
        var (exit, _, stderr) = CliRunner.Run("sweep", config, "--out", outDir, "--device", "cpu", "--resume");
        Assert.True(exit == 0, stderr);
        Assert.False(File.Exists(stale));
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(ParquetReadBack.Columns(Path.Combine(partDir, "part-000000.parquet")).Keys, ParquetReadBack.Columns(part).Keys);
        Assert.Equal(2, Directory.GetFiles(partDir, "part-*.parquet").Length);
    }
}
