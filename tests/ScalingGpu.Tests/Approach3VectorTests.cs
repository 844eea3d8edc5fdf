using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Simulation;

namespace ScalingGpu.Tests;

/// <summary>The vectorised Approach 3 objective against the scalar one it twins.</summary>
public sealed class Approach3VectorTests
{
    [Theory]
    [InlineData(true, 5)]
    [InlineData(true, 6)]
    [InlineData(true, 7)]
    [InlineData(false, 8)]
    [InlineData(true, 133)]
    [InlineData(false, 240)]
    public void EvaluateVector_EqualsScalarObjectiveAndGradient(bool huber, int points)
    {
        RunTable runs = points switch
        {
            133 => TestData.Llama3(),
            240 => TestData.Chinchilla(),
            _ => new IsoFlopDesign([1e17, 1e21], points, Width: 8, DriftTo: 3).Sample(NamedSurfaces.Asymmetric, 0.1, seed: 7, replicate: points),
        };
        double[] w = runs.Loss.Select((_, i) => (double)(i % 3)).ToArray();   // zero weights drop points; counts not multiples of 4
        var objective = new Approach3Objective(runs.Params.Select(n => Math.Log(n)).ToArray(), runs.Tokens.Select(d => Math.Log(d)).ToArray(),
                                               runs.Loss.Select(l => Math.Log(l)).ToArray(), w, huber, delta: 1e-3);
        var random = new Random(points);
        double[][] thetas = Approach3StartGrid.All.Where((_, s) => s % 37 == 0)
            .Append([Math.Log(406.4), Math.Log(410.7), Math.Log(1.69), 0.465, 0.155])
            .Append([6.0 + random.NextDouble(), 6.0 + random.NextDouble(), 0.5, 0.3 + 0.1 * random.NextDouble(), 0.2, ])
            .Append([900, 5, 0.5, 0.3, 0.2]).Append([-800, -900, -750, 0.3, 0.2])   // beyond ±700: the shifted LSE branch
            .ToArray();
        var g = new double[5];
        var gv = new double[5];
        foreach (double[] theta in thetas)
        {
            double f = objective.Evaluate(theta, g), fv = objective.EvaluateVector(theta, gv);
            // Sums of ≤ 240 non-negative terms, each within a few ulps: 1e-12 relative is loose enough and still catches any formula slip.
            AssertRel.Equal(f, fv, 1e-12, $"objective at [{string.Join(", ", theta)}]");
            double scale = g.Max(Math.Abs);
            for (int k = 0; k < 5; k++)
                Assert.True(Math.Abs(g[k] - gv[k]) <= 1e-12 * scale, $"gradient {k} at [{string.Join(", ", theta)}]: {g[k]} vs {gv[k]}");
        }
    }
}
