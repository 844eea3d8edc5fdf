using System.Runtime.CompilerServices;

namespace ScalingGpu.Fitting;

/// <summary>
/// What screening needs of a start grid, computed once per grid (the 4,500-start grid is shared by every fit): e^a, e^b,
/// e^e of each start (Math.Exp, as the scalar objective computes them) and the index of its α and β among the grid's few
/// distinct values, so each fit's N^−α and D^−β tables are arrays looked up by index.
/// </summary>
internal sealed class Approach3StartPlan
{
    static readonly ConditionalWeakTable<double[][], Approach3StartPlan> Plans = new();

    public double[] ExpA { get; }
    public double[] ExpB { get; }
    public double[] ExpE { get; }
    public double[] Alphas { get; }
    public double[] Betas { get; }
    public int[] AlphaIndex { get; }
    public int[] BetaIndex { get; }

    Approach3StartPlan(double[][] starts)
    {
        ExpA = starts.Select(s => Math.Exp(s[0])).ToArray();
        ExpB = starts.Select(s => Math.Exp(s[1])).ToArray();
        ExpE = starts.Select(s => Math.Exp(s[2])).ToArray();
        Alphas = starts.Select(s => s[3]).Distinct().ToArray();
        Betas = starts.Select(s => s[4]).Distinct().ToArray();
        AlphaIndex = starts.Select(s => Array.IndexOf(Alphas, s[3])).ToArray();
        BetaIndex = starts.Select(s => Array.IndexOf(Betas, s[4])).ToArray();
    }

    /// <summary>The plan of a grid (built on first use; the grid must not change afterwards).</summary>
    public static Approach3StartPlan Of(double[][] starts) => Plans.GetValue(starts, s => new Approach3StartPlan(s));

    /// <summary>exp(−exponent·log) per exponent and point: N^−α (or D^−β) tables for one fit.</summary>
    public static double[][] Powers(double[] exponents, double[] logs) =>
        exponents.Select(x => logs.Select(l => Math.Exp(-x * l)).ToArray()).ToArray();
}
