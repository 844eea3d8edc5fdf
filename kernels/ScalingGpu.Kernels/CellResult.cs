namespace ScalingGpu.Kernels;

/// <summary>Best coefficients of one cell and its objective, evaluated directly over the points.</summary>
/// <remarks>Flags are ints behind bool properties, for the reason given on <see cref="CellSolution"/>.</remarks>
public struct CellResult
{
    int clampedFlag, validFlag, convergedFlag;

    /// <summary>Objective: Σw·r² (MSE) or Σw·Huber_δ(r), on the fit scale.</summary>
    public double Objective;
    /// <summary>Σw·r² on the fit scale.</summary>
    public double Rss;
    /// <summary>Coefficients in the cell's scaled units (E, A_s, B_s ≥ 0).</summary>
    public double E, A, B;
    /// <summary>A coefficient is held at 0 by the non-negativity constraint.</summary>
    public bool Clamped { readonly get => clampedFlag != 0; set => clampedFlag = value ? 1 : 0; }
    /// <summary>False when the cell could not be solved (no positive weight, or a non-positive prediction in log space).</summary>
    public bool Valid { readonly get => validFlag != 0; set => validFlag = value ? 1 : 0; }
    /// <summary>The inner Newton / Gauss–Newton iteration reached the optimum or its tolerance (not the pass cap).</summary>
    public bool Converged { readonly get => convergedFlag != 0; set => convergedFlag = value ? 1 : 0; }
}
