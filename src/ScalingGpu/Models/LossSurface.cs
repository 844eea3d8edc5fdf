namespace ScalingGpu.Models;

/// <summary>
/// L(N, D) = E + A·N^−α + B·D^−β with its compute-optimal allocation under C = 6·N·D:
/// a = β/(α+β), b = α/(α+β), G = (α·A/(β·B))^(1/(α+β)), N*(C) = G·(C/6)^a, D*(C) = (C/6)^b / G.
/// </summary>
public sealed record LossSurface(double E, double A, double B, double Alpha, double Beta)
{
    /// <summary>Exponent a of N*(C) ∝ C^a.</summary>
    public double ParamsExponent => Beta / (Alpha + Beta);
    /// <summary>Exponent b of D*(C) ∝ C^b.</summary>
    public double TokensExponent => Alpha / (Alpha + Beta);
    /// <summary>G = (α·A/(β·B))^(1/(α+β)); NaN when A or B is 0 (no interior optimum).</summary>
    public double G => A > 0 && B > 0 ? Math.Pow(Alpha * A / (Beta * B), 1 / (Alpha + Beta)) : double.NaN;
    /// <summary>
    /// The allocation as power laws log10 N*(C) = a·log10 C + a0 and log10 D*(C) = b·log10 C + b0, comparable with
    /// Approach 2's: a0 = log10 G − a·log10 6, b0 = −log10 G − b·log10 6 (DESIGN.md §1). NaN intercepts without an allocation.
    /// </summary>
    public (double A, double A0, double B, double B0) PowerLaws()
    {
        double log6 = Math.Log10(ComputeModel.FlopsPerTokenParam), logG = Math.Log10(G);
        return (ParamsExponent, logG - ParamsExponent * log6, TokensExponent, -logG - TokensExponent * log6);
    }

    /// <summary>True when the allocation is defined (A, B, α, β > 0).</summary>
    public bool HasAllocation => A > 0 && B > 0 && Alpha > 0 && Beta > 0;

    /// <summary>Loss at N parameters and D tokens.</summary>
    public double Loss(double parameters, double tokens) => Kernels.SimulationKernels.SurfaceLoss(E, A, B, Alpha, Beta, parameters, tokens);

    /// <summary>N*(C), parameters; NaN without an allocation.</summary>
    public double OptimalParams(double compute) => G * Math.Pow(compute / ComputeModel.FlopsPerTokenParam, ParamsExponent);

    /// <summary>D*(C), tokens; NaN without an allocation.</summary>
    public double OptimalTokens(double compute) => Math.Pow(compute / ComputeModel.FlopsPerTokenParam, TokensExponent) / G;

    /// <summary>L*(C) = E + K·(C/6)^(−αβ/(α+β)), K = A·G^−α + B·G^β.</summary>
    public double OptimalLoss(double compute) =>
        E + LossCoefficient * Math.Pow(compute / ComputeModel.FlopsPerTokenParam, -Alpha * Beta / (Alpha + Beta));

    /// <summary>Inverse of <see cref="OptimalLoss"/>: the compute C(L) = 6·((L−E)/K)^(−(α+β)/(αβ)) whose optimal loss is L; +∞ for L ≤ E.</summary>
    public double ComputeForLoss(double loss) => loss > E
        ? ComputeModel.FlopsPerTokenParam * Math.Pow((loss - E) / LossCoefficient, -(Alpha + Beta) / (Alpha * Beta))
        : double.PositiveInfinity;

    double LossCoefficient => A * Math.Pow(G, -Alpha) + B * Math.Pow(G, Beta);
}
