using ScalingGpu.Data;
using ScalingGpu.Models;

namespace ScalingGpu.Fitting;

/// <summary>
/// A run table in the scaled form every VPNLS path uses: ln(N/N_ref), ln(D/D_ref) with N_ref, D_ref the geometric
/// means (so x1 = (N/N_ref)^−α stays near 1 and the normal equations stay well conditioned), and y on the fit scale.
/// </summary>
internal sealed class PointTables
{
    public required double[] LogParams { get; init; }
    public required double[] LogTokens { get; init; }
    public required double[] Y { get; init; }
    public required double ParamsRef { get; init; }
    public required double TokensRef { get; init; }
    public int Count => Y.Length;

    public static PointTables From(RunTable runs, LossSpace space)
    {
        double nRef = GeometricMean(runs.Params), dRef = GeometricMean(runs.Tokens);
        return new PointTables
        {
            LogParams = runs.Params.Select(n => Math.Log(n / nRef)).ToArray(),
            LogTokens = runs.Tokens.Select(d => Math.Log(d / dRef)).ToArray(),
            Y = space == LossSpace.Log ? runs.Loss.Select(l => Math.Log(l)).ToArray() : (double[])runs.Loss.Clone(),
            ParamsRef = nRef, TokensRef = dRef,
        };
    }

    /// <summary>[exponents × points] table of exp(−exponent·logs[i]).</summary>
    public static double[] PowerTable(double[] exponents, double[] logs)
    {
        var table = new double[exponents.Length * logs.Length];
        for (int k = 0; k < exponents.Length; k++) PowerRow(exponents[k], logs, table.AsSpan(k * logs.Length, logs.Length));
        return table;
    }

    /// <summary>
    /// row[i] = exp(−exponent·logs[i]) by Math.Exp: TensorPrimitives.Exp is faster (W5 −10%) but differs in the last
    /// bit, which moves refined resample exponents by ~2e−9 relative (the minimum's own √ε precision), past the 1e−9 the
    /// speed work promised to keep.
    /// </summary>
    public static void PowerRow(double exponent, ReadOnlySpan<double> logs, Span<double> row)
    {
        for (int i = 0; i < logs.Length; i++) row[i] = Math.Exp(-exponent * logs[i]);
    }

    /// <summary>The surface in natural units from scaled coefficients: A = A_s·N_ref^α, B = B_s·D_ref^β.</summary>
    public LossSurface ToSurface(double e, double aScaled, double bScaled, double alpha, double beta) =>
        new(e, aScaled * Math.Pow(ParamsRef, alpha), bScaled * Math.Pow(TokensRef, beta), alpha, beta);

    static double GeometricMean(double[] values) => Math.Exp(values.Average(v => Math.Log(v)));
}
