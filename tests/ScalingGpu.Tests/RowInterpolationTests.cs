using ScalingGpu.Compute;
using ScalingGpu.Fitting;

namespace ScalingGpu.Tests;

/// <summary>The β table as interpolants of its node rows: accurate where it is built, absent where it would not be.</summary>
public sealed class RowInterpolationTests
{
    [Theory]
    [InlineData(0.01)]
    [InlineData(0.001)]
    public void Llama3PowerTables_InterpolateToRounding_WithFarFewerNodesThanPoints(double step)
    {
        var tables = PointTables.From(TestData.Llama3(), LossSpace.Raw);
        double[] betas = (VarProOptions.Default with { GridStep = step }).BetaAxis.Values();
        double[] x2 = PointTables.PowerTable(betas, tables.LogTokens);
        RowInterpolation basis = RowInterpolation.TryBuild(x2, betas.Length, tables.Count)!;
        Assert.NotNull(basis);
        Assert.InRange(basis.Count, 8, 24);
        // Re-measure independently: every entry of the table from the nodes, in a plain loop.
        int n = tables.Count, k = basis.Count;
        for (int b = 0; b < betas.Length; b++)
            for (int i = 0; i < n; i++)
            {
                double value = 0;
                for (int j = 0; j < k; j++) value += basis.Weights[b * k + j] * Math.Exp(-betas[basis.Nodes[j]] * tables.LogTokens[i]);
                AssertRel.Equal(x2[b * n + i], value, RowInterpolation.Tolerance, $"β {betas[b]} point {i}");
            }
    }

    [Fact]
    public void UnevenOrRoughTables_GetNoBasis()
    {
        var random = new Random(3);
        double[] noise = Enumerable.Range(0, 200 * 10).Select(_ => random.NextDouble()).ToArray();
        Assert.Null(RowInterpolation.TryBuild(noise, 200, 10));
        // An uneven axis: rows at β = (b/199)³ are analytic in the index too, but so steep that 32 nodes do not reach rounding.
        double[] logs = [-3, -1, 0, 2, 4];
        double[] steep = Enumerable.Range(0, 200).SelectMany(b => logs.Select(l => Math.Exp(-40 * Math.Pow(b / 199.0, 3) * l))).ToArray();
        Assert.Null(RowInterpolation.TryBuild(steep, 200, logs.Length));
        Assert.Null(RowInterpolation.TryBuild(noise, 15, 10));   // too few rows for even 8 nodes
    }
}
