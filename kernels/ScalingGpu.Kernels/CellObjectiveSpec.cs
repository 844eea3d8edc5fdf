namespace ScalingGpu.Kernels;

/// <summary>What a cell minimises; copied to devices by value, so plain fields only.</summary>
public readonly struct CellObjectiveSpec(bool huber, double delta, bool logSpace, int maxIterations, double tolerance)
{
    /// <summary>Huber loss with threshold <see cref="Delta"/> instead of squared error.</summary>
    public readonly bool Huber = huber;
    /// <summary>Huber threshold in units of the fit scale (loss, or log loss in log space).</summary>
    public readonly double Delta = delta;
    /// <summary>Residuals on log loss with model log(E + A·x1 + B·x2) (Gauss–Newton per cell).</summary>
    public readonly bool LogSpace = logSpace;
    /// <summary>Cap on IRLS / Gauss–Newton iterations inside one cell.</summary>
    public readonly int MaxIterations = maxIterations;
    /// <summary>Relative change of the objective below which the inner iteration has converged.</summary>
    public readonly double Tolerance = tolerance;

    /// <summary>True when a single closed-form solve suffices (MSE on raw loss).</summary>
    public bool IsLinear => !Huber && !LogSpace;

    /// <summary>Plain RSS on raw loss.</summary>
    public static CellObjectiveSpec Mse => new(false, 0, false, 1, 0);
}
