namespace ScalingGpu.Models;

/// <summary>Training compute C = k·N·D with k = 6 FLOPs per parameter per token (forward + backward).</summary>
internal static class ComputeModel
{
    /// <summary>FLOPs per parameter per token.</summary>
    public const double FlopsPerTokenParam = 6.0;

    /// <summary>C = 6·N·D, FLOPs.</summary>
    public static double Flops(double parameters, double tokens) => FlopsPerTokenParam * parameters * tokens;

    /// <summary>The other factor of C = 6·N·D: D from C and N, or N from C and D.</summary>
    public static double OtherFactor(double compute, double factor) => compute / (FlopsPerTokenParam * factor);

    /// <summary>C rounded to 3 significant digits: the IsoFLOP budget label when no budget column is given.</summary>
    public static double RoundToBudget(double compute)
    {
        if (!(compute > 0) || !double.IsFinite(compute)) return compute;
        double scale = Math.Pow(10, Math.Floor(Math.Log10(compute)) - 2);
        return Math.Round(compute / scale) * scale;
    }

    /// <summary>A budget in column names (N_opt_3p8e25): 3.8e25 → "3p8e25", 1e24 → "1e24"; 4 significant digits.</summary>
    public static string BudgetLabel(double compute) =>
        compute.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture).Replace('.', 'p');
}
