using MathNet.Numerics.Distributions;
using ScalingGpu.Predictions;

namespace ScalingGpu.Tests;

/// <summary>
/// The prediction noise's Student-t draws against MathNet's Student-t distribution: a Kolmogorov–Smirnov test of 20,000
/// draws per ν (the 0.1% critical value, 1.95/√n), at ν = 1 (the shape-below-one branch), 3, 16 and 133 (Llama 3).
/// </summary>
public sealed class StudentNoiseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(133)]
    public void Draws_FollowStudentT(int dof)
    {
        const int count = 20000;
        double[] draws = Enumerable.Range(0, count).Select(i => StudentNoise.Draw(dof, 42, i / 100, i % 100)).Order().ToArray();
        var t = new StudentT(0, 1, dof);
        double distance = draws.Select((x, i) => Math.Max(Math.Abs(t.CumulativeDistribution(x) - (double)i / count), Math.Abs(t.CumulativeDistribution(x) - (i + 1.0) / count))).Max();
        Assert.True(distance < 1.95 / Math.Sqrt(count), $"ν = {dof}: Kolmogorov–Smirnov distance {distance:F4}");
        // Heavier tails than the normal's at small ν: the share beyond ±1.645 is what the prediction interval widens for.
        double beyond = draws.Count(x => Math.Abs(x) > 1.645) / (double)count;
        AssertRel.Near(2 * t.CumulativeDistribution(-1.645), beyond, 0.01, $"ν = {dof}: share beyond ±1.645");
    }

    [Fact]
    public void Draws_ArePureFunctionsOfTheirKey()
    {
        Assert.Equal(StudentNoise.Draw(7, 3, 11, 5), StudentNoise.Draw(7, 3, 11, 5));
        Assert.NotEqual(StudentNoise.Draw(7, 3, 11, 5), StudentNoise.Draw(7, 3, 11, 6));
        Assert.NotEqual(StudentNoise.Draw(7, 3, 11, 5), StudentNoise.Draw(7, 4, 11, 5));
    }
}
