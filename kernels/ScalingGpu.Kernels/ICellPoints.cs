namespace ScalingGpu.Kernels;

/// <summary>
/// The points of one (resample, α, β) cell as the cell solver sees them. Implemented by a struct
/// over ArrayViews in kernels and by a struct over arrays on the host, so both paths run the
/// same <see cref="CellObjective"/> code.
/// </summary>
public interface ICellPoints
{
    /// <summary>Number of points.</summary>
    int Count { get; }
    /// <summary>Bootstrap multiplicity (or any non-negative weight) of point i.</summary>
    double Weight(int i);
    /// <summary>x1 = (N_i/N_ref)^−α for this cell's α.</summary>
    double X1(int i);
    /// <summary>x2 = (D_i/D_ref)^−β for this cell's β.</summary>
    double X2(int i);
    /// <summary>Observed value on the fit scale: loss (raw space) or log loss (log space).</summary>
    double Y(int i);
}
