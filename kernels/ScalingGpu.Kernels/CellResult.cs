namespace ScalingGpu.Kernels;

/// <summary>Best coefficients of one cell and its objective, evaluated directly over the points.</summary>
public struct CellResult
{
    /// <summary>Objective: Σw·r² (MSE) or Σw·Huber_δ(r), on the fit scale.</summary>
    public double Objective;
    /// <summary>Σw·r² on the fit scale.</summary>
    public double Rss;
    /// <summary>Coefficients in the cell's scaled units (E, A_s, B_s ≥ 0).</summary>
    public double E, A, B;
    /// <summary>A coefficient is held at 0 by the non-negativity constraint.</summary>
    public bool Clamped;
    /// <summary>False when the cell could not be solved (no positive weight, or a non-positive prediction in log space).</summary>
    public bool Valid;
    /// <summary>The inner IRLS / Gauss–Newton iteration met its tolerance.</summary>
    public bool Converged;
}
