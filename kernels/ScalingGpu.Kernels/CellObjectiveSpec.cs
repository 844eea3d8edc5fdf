namespace ScalingGpu.Kernels;

/// <summary>
/// What a cell minimises. Copied to devices by value, so only blittable fields (flags are ints: bool is not blittable).
/// </summary>
public readonly struct CellObjectiveSpec(bool huber, double delta, bool logSpace, int maxIterations, double tolerance)
{
    readonly int huberFlag = huber ? 1 : 0, logFlag = logSpace ? 1 : 0;

    /// <summary>Huber loss with threshold <see cref="Delta"/> instead of squared error.</summary>
    public bool Huber => huberFlag != 0;
    /// <summary>Huber threshold in units of the fit scale (loss, or log loss in log space).</summary>
    public readonly double Delta = delta;
    /// <summary>Residuals on log loss with model log(E + A·x1 + B·x2) (Gauss–Newton per cell).</summary>
    public bool LogSpace => logFlag != 0;
    /// <summary>Cap on Newton passes (Huber) or Gauss–Newton iterations (log space) inside one cell.</summary>
    public readonly int MaxIterations = maxIterations;
    /// <summary>Relative change of the objective below which the inner iteration has converged.</summary>
    public readonly double Tolerance = tolerance;

    /// <summary>True when a single closed-form solve suffices (MSE on raw loss).</summary>
    public bool IsLinear => huberFlag == 0 && logFlag == 0;

    /// <summary>Plain RSS on raw loss.</summary>
    public static CellObjectiveSpec Mse => new(false, 0, false, 1, 0);
}
