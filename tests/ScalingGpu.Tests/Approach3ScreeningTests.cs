using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Simulation;

namespace ScalingGpu.Tests;

/// <summary>The vector start screening against the scalar one: within its error bound, and the same starts in the same order.</summary>
public sealed class Approach3ScreeningTests
{
    public static TheoryData<string, bool> Cases() => new()
    {
        { "chinchilla", true }, { "chinchilla", false }, { "llama3", true }, { "exp7", true }, { "exp7", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BestStarts_EqualsRankingEveryStartsFullObjective(string data, bool huber)
    {
        Approach3Objective objective = Objective(data, huber);
        double[][] starts = Approach3StartGrid.All;
        double[] full = objective.EvaluateStarts(starts);
        int[] ranked = Enumerable.Range(0, starts.Length).Where(s => double.IsFinite(full[s]))
                                 .OrderBy(s => full[s]).ThenBy(s => s).ToArray();
        foreach (int count in new[] { 1, 16, 100, starts.Length })
            Assert.Equal(ranked.Take(count), objective.BestStarts(starts, count));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VectorScreening_StaysWithinItsStatedErrorOfTheScalarSum(string data, bool huber)
    {
        Approach3Objective objective = Objective(data, huber);
        double[] full = objective.EvaluateStarts(Approach3StartGrid.All), screened = objective.EvaluateStartsVector(Approach3StartGrid.All);
        for (int s = 0; s < full.Length; s++)
            Assert.True(Math.Abs(full[s] - screened[s]) <= objective.ScreeningError(screened[s]),
                        $"start {s}: scalar {full[s]:R}, vector {screened[s]:R}, bound {objective.ScreeningError(screened[s]):E2}");
    }

    static Approach3Objective Objective(string data, bool huber)
    {
        RunTable runs = data switch
        {
            "chinchilla" => TestData.Chinchilla(),
            "llama3" => TestData.Llama3(),
            // Like an exp7 replicate: 2 budgets × 4 points, noisy, drifting.
            _ => new IsoFlopDesign([1e17, 1e21], 4, Width: 8, DriftTo: 3).Sample(NamedSurfaces.Asymmetric, 0.1, seed: 7, replicate: 3),
        };
        double[] w = runs.Loss.Select((_, i) => (double)(i % 3)).ToArray();   // bootstrap-like weights, zeros included
        return new Approach3Objective(runs.Params.Select(n => Math.Log(n)).ToArray(), runs.Tokens.Select(d => Math.Log(d)).ToArray(),
                                      runs.Loss.Select(l => Math.Log(l)).ToArray(), w, huber, delta: 1e-3);
    }
}
