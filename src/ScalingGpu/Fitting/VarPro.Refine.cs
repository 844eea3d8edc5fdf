using ScalingGpu.Compute;
using ScalingGpu.Kernels;

namespace ScalingGpu.Fitting;

internal static partial class VarPro
{
    // Bounded L-BFGS on the profile objective F(α, β) = min over E, A, B ≥ 0, from the best grid cell.
    static SurfaceFit Refine(PointTables tables, double[] weights, GridCell start, VarProOptions options)
    {
        if (!start.Found) return Failed(options, "no grid cell could be solved (all weights zero or predictions not positive)");
        var profile = new ProfileObjective(tables, weights, RefineSpec(options));
        double[] lower = [options.AlphaLo, options.BetaLo], upper = [options.AlphaHi, options.BetaHi];
        LbfgsResult result = BoundedLbfgs.Minimize(profile.Evaluate, [start.Alpha, start.Beta], lower, upper, new LbfgsSettings());
        // The grid cell can only be beaten, never lost: keep it if the refinement went nowhere better.
        double alpha = result.X[0], beta = result.X[1];
        if (!(result.F <= start.Objective)) (alpha, beta) = (start.Alpha, start.Beta);
        CellResult cell = profile.Solve(alpha, beta);
        if (!result.Success)
            return Build(tables, cell, alpha, beta, FitStatus.Failed,
                $"refinement stopped: {result.Exit} after {result.Iterations} iterations (projected gradient {result.ProjectedGradient:G3})");
        return Classify(tables, cell, alpha, beta, options);
    }

    static SurfaceFit FromGrid(PointTables tables, double[] weights, GridCell start, VarProOptions options)
    {
        if (!start.Found) return Failed(options, "no grid cell could be solved (all weights zero or predictions not positive)");
        CellResult cell = new ProfileObjective(tables, weights, RefineSpec(options)).Solve(start.Alpha, start.Beta);
        return Classify(tables, cell, start.Alpha, start.Beta, options);
    }

    // bound_hit: an exponent on its range edge, or a coefficient held at 0 by the constraint.
    static SurfaceFit Classify(PointTables tables, CellResult cell, double alpha, double beta, VarProOptions options)
    {
        const double edge = 1e-12;
        string? reason =
            alpha <= options.AlphaLo + edge ? $"alpha at its lower bound {options.AlphaLo}" :
            alpha >= options.AlphaHi - edge ? $"alpha at its upper bound {options.AlphaHi}" :
            beta <= options.BetaLo + edge ? $"beta at its lower bound {options.BetaLo}" :
            beta >= options.BetaHi - edge ? $"beta at its upper bound {options.BetaHi}" :
            cell.Clamped ? $"coefficient{(cell.E == 0 ? " E" : "")}{(cell.A == 0 ? " A" : "")}{(cell.B == 0 ? " B" : "")} held at 0 by non-negativity" :
            null;
        return Build(tables, cell, alpha, beta, reason is null ? FitStatus.Converged : FitStatus.BoundHit, reason);
    }

    static SurfaceFit Build(PointTables tables, CellResult cell, double alpha, double beta, FitStatus status, string? reason) =>
        new(FitMethod.Vpnls, tables.ToSurface(cell.E, cell.A, cell.B, alpha, beta), cell.Objective, cell.Rss, status, reason);

    static SurfaceFit Failed(VarProOptions options, string reason) =>
        new(FitMethod.Vpnls, new Models.LossSurface(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN),
            double.NaN, double.NaN, FitStatus.Failed, reason);
}
