using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Predictions;

/// <summary>
/// <c>compare A B</c>: fits two data sets with the same options and compares their compute-optimal frontiers
/// L*(C) = E + K·(C/6)^(−αβ/(α+β)) per surface method: where they cross, and how often A's is lower at each target.
/// </summary>
internal static class FrontierComparison
{
    /// <summary>Top of the crossover search, FLOPs, unless a target budget or the data reach higher.</summary>
    public const double SearchHi = 1e28;

    // A decade above the largest target and two above the largest budget of either data set: the range always holds the
    // data and the targets (1e28 alone was below data scaled past it, and the range came out inverted).
    static double SearchTop(FitReport a, FitReport b) =>
        Math.Max(SearchHi, Math.Max(10 * a.Request.Targets.DefaultIfEmpty(0).Max(), 100 * Math.Max(a.Request.Runs.Budget.Max(), b.Request.Runs.Budget.Max())));

    // Log-spaced scan of the search range before bisection, and the points of each drawn frontier.
    const int ScanPoints = 400, FrontierPoints = 80;

    /// <summary>
    /// The fit requests of both data sets, checked before any computing: the same options without Approach 2 (it has no
    /// frontier). Under a bootstrap, A's resamples are those of <c>fit A --seed S</c> and B's those of
    /// <c>fit B --seed S+1</c>, so the two are independent.
    /// </summary>
    /// <exception cref="InputDataException">No surface method is requested, or an option is invalid for either data set.</exception>
    public static (FitRequest A, FitRequest B) Validate(RunTable a, RunTable b, FitOptions options, BootstrapOptions? bootstrap)
    {
        var surfaces = options.Methods.Where(m => m != FitMethod.Approach2).ToList();
        if (surfaces.Count == 0)
            throw new InputDataException("compare needs a loss surface for L*(C), and Approach 2 has none: use --method vpnls, approach3 or all.");
        options = options with { Methods = surfaces, Heatmap = false };
        return (FitRequest.Validate(a, options, bootstrap), FitRequest.Validate(b, options, bootstrap is null ? null : bootstrap with { Seed = bootstrap.Seed + 1 }));
    }

    /// <summary>Fits both requests (from <see cref="Validate"/>) and compares their frontiers.</summary>
    public static Comparison Run(FitRequest a, FitRequest b, IComputeDevice device, IProgress<double>? progress = null)
    {
        FitReport fitA = Fitter.Fit(a, device, progress is null ? null : new Progress<double>(f => progress.Report(f / 2)));
        FitReport fitB = Fitter.Fit(b, device, progress is null ? null : new Progress<double>(f => progress.Report(0.5 + f / 2)));
        return Compare(fitA, fitB);
    }

    /// <summary>
    /// Compares two fits of the same options; their frontiers are searched for a crossover from the smallest budget in
    /// either data set to <see cref="SearchHi"/> (or higher: <see cref="SearchTop"/>).
    /// </summary>
    public static Comparison Compare(FitReport a, FitReport b)
    {
        double searchLo = Math.Min(a.Request.Runs.Budget.Min(), b.Request.Runs.Budget.Min()), searchHi = SearchTop(a, b);
        BootstrapOptions? bootstrap = a.Request.Bootstrap;
        var crossovers = new List<Crossover>();
        var targets = new List<FrontierTarget>();
        var frontiers = new List<FrontierPoint>();
        double[] grid = Enumerable.Range(0, FrontierPoints).Select(k => searchLo * Math.Pow(searchHi / searchLo, k / (FrontierPoints - 1.0))).ToArray();
        foreach (SurfaceFit fitA in a.Surfaces)
        {
            FitMethod method = fitA.Method;
            SurfaceFit fitB = b.Surfaces.First(s => s.Method == method);
            crossovers.Add(CrossoverOf(method, fitA, fitB, a.Bootstrap, b.Bootstrap, searchLo, searchHi, bootstrap));
            MethodFits? resA = a.Bootstrap?.Fits.First(f => f.Method == method), resB = b.Bootstrap?.Fits.First(f => f.Method == method);
            foreach (double c in a.Request.Targets)
            {
                int both = 0;
                double aLower = 0;
                for (int r = 0; r < (resA?.Count ?? 0); r++)
                {
                    double la = Frontier(resA!.Surfaces![r], c), lb = Frontier(resB!.Surfaces![r], c);
                    if (!double.IsFinite(la) || !double.IsFinite(lb)) continue;
                    both++;
                    aLower += la < lb ? 1 : la == lb ? 0.5 : 0;
                }
                targets.Add(new FrontierTarget(method, c, Frontier(fitA, c), Frontier(fitB, c), both > 0 ? aLower / both : double.NaN, both));
            }
            foreach (var (name, report) in new[] { ("a", a), ("b", b) })
            {
                PredictedLoss[] band = LossIntervals.Estimate(method, report, grid.Length, (s, k) => s.HasAllocation ? s.OptimalLoss(grid[k]) : double.NaN);
                frontiers.AddRange(band.Select((l, k) => new FrontierPoint(name, method, grid[k], l.Loss, l.CiLo, l.CiHi)));
            }
        }
        return new Comparison(a, b, searchLo, searchHi, crossovers, targets, frontiers);
    }

    /// <summary>
    /// The lowest C in [<paramref name="lo"/>, <paramref name="hi"/>] where L*_A(C) = L*_B(C): a scan of 400 log-spaced
    /// budgets for a sign change, then bisection in log C to 1e−13 decades; NaN when there is none or a frontier is undefined.
    /// </summary>
    public static double CrossoverCompute(LossSurface a, LossSurface b, double lo, double hi)
    {
        if (!a.HasAllocation || !b.HasAllocation) return double.NaN;
        double Gap(double logC) => a.OptimalLoss(Math.Pow(10, logC)) - b.OptimalLoss(Math.Pow(10, logC));
        double x0 = Math.Log10(lo), x1 = Math.Log10(hi), left = x0, gapLeft = Gap(x0);
        for (int k = 1; k <= ScanPoints; k++)
        {
            double right = x0 + (x1 - x0) * k / ScanPoints, gapRight = Gap(right);
            if (!double.IsFinite(gapRight) || !double.IsFinite(gapLeft)) return double.NaN;
            // A zero gap is no side: identical frontiers never cross, and a zero between two sides is found by the bisection.
            if (gapRight == 0) continue;
            if (gapLeft != 0 && Math.Sign(gapRight) != Math.Sign(gapLeft))
            {
                while (right - left > 1e-13)
                {
                    double mid = 0.5 * (left + right), gapMid = Gap(mid);
                    if (Math.Sign(gapMid) == Math.Sign(gapLeft)) left = mid; else right = mid;
                }
                return Math.Pow(10, 0.5 * (left + right));
            }
            (left, gapLeft) = (right, gapRight);
        }
        return double.NaN;
    }

    static Crossover CrossoverOf(FitMethod method, SurfaceFit a, SurfaceFit b, BootstrapReport? bootA, BootstrapReport? bootB, double lo, double hi, BootstrapOptions? bootstrap)
    {
        bool usable = a.Status != FitStatus.Failed && b.Status != FitStatus.Failed;
        double estimate = usable ? CrossoverCompute(a.Surface, b.Surface, lo, hi) : double.NaN;
        bool? aLowerBelow = usable ? LowerAt(a.Surface, b.Surface, lo) : null;
        if (bootstrap is null || bootA is null || bootB is null)
            return new Crossover(method, estimate, aLowerBelow, double.NaN, double.NaN, double.NaN, null, 0, 0, 0);
        SurfaceFit[] resA = bootA.Fits.First(f => f.Method == method).Surfaces!, resB = bootB.Fits.First(f => f.Method == method).Surfaces!;
        var values = new double[resA.Length];
        int failed = 0, none = 0;
        for (int r = 0; r < resA.Length; r++)
        {
            bool ok = resA[r].Status != FitStatus.Failed && resB[r].Status != FitStatus.Failed && resA[r].Surface.HasAllocation && resB[r].Surface.HasAllocation;
            values[r] = ok ? CrossoverCompute(resA[r].Surface, resB[r].Surface, lo, hi) : double.NaN;
            if (!ok) failed++;
            else if (double.IsNaN(values[r])) none++;
        }
        // BCa's acceleration: delete-one units of A (B at its full fit), then of B (A at its full fit).
        double[]? jackknife = null;
        if (bootA.Jackknife.FirstOrDefault(f => f.Method == method) is { } jackA && bootB.Jackknife.FirstOrDefault(f => f.Method == method) is { } jackB)
            jackknife = jackA.Surfaces!.Select(j => Cross(j, b, lo, hi)).Concat(jackB.Surfaces!.Select(j => Cross(a, j, lo, hi))).ToArray();
        IntervalBounds bounds = IntervalEstimator.Estimate(values, estimate, jackknife, bootstrap.Level, bootstrap.Interval);
        return new Crossover(method, estimate, aLowerBelow, bounds.Lo, bounds.Hi, bootstrap.Level, bootstrap.Interval, resA.Length - failed - none, none, failed);
    }

    // Whether A's frontier is below B's at C; null when they are equal there or either is undefined.
    static bool? LowerAt(LossSurface a, LossSurface b, double compute)
    {
        if (!a.HasAllocation || !b.HasAllocation) return null;
        double la = a.OptimalLoss(compute), lb = b.OptimalLoss(compute);
        return la < lb ? true : la > lb ? false : null;
    }

    static double Cross(SurfaceFit a, SurfaceFit b, double lo, double hi) =>
        a.Status == FitStatus.Failed || b.Status == FitStatus.Failed ? double.NaN : CrossoverCompute(a.Surface, b.Surface, lo, hi);

    static double Frontier(SurfaceFit fit, double compute) =>
        fit.Status != FitStatus.Failed && fit.Surface.HasAllocation ? fit.Surface.OptimalLoss(compute) : double.NaN;
}
