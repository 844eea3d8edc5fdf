using System.Runtime.Intrinsics;
using ScalingGpu.Compute;
using ScalingGpu.Fitting;
using ScalingGpu.Kernels;

namespace ScalingGpu.Tests;

/// <summary>
/// Each resample's shortlist of best grid cells (IComputeDevice.SmallestCells) against the plain route: every cell's
/// objective by the exact enumeration, then a sort. Also the lower bound that prunes the host path, and its vector twin.
/// </summary>
public sealed class ShortlistTests : IDisposable
{
    readonly IlgpuDevice tiled = IlgpuDevice.CpuAccelerator(tiledGroups: true);

    public void Dispose() => tiled.Dispose();

    [Fact]
    public void Bound_IsBelowTheQrNnlsRss_On500RandomCells()
    {
        var random = new Random(7);
        for (int cell = 0; cell < 500; cell++)
        {
            var (x1, x2, y, w) = RandomCell(random);
            var acc = new CellAccumulator();
            for (int i = 0; i < y.Length; i++) acc.Add(w[i], x1[i], x2[i], y[i]);
            CellSums s = acc.Centre();
            double rss = BruteForceNnls.Solve(x1, x2, y, w).Rss;
            // A threshold just above the exact NNLS RSS: the cell can beat it, so the bound must not prune it.
            Assert.True(NonNegativeSolve.MayBeat(s.C11, s.C22, s.C12, s.C1t, s.C2t, s.Ctt, rss + 1e-12 * s.Ttt), $"cell {cell}: pruned a cell with RSS {rss}");
        }
    }

    [Fact]
    public void Bound_NeverPrunesANearlyCollinearCell_TheSolveWouldKeep()
    {
        // x1 and x2 correlated up to 1 − ρ = 1e−13: the bound's rounding grows like ε·c11·c22/det, so cells beyond
        // NonNegativeSolve.BoundRatio must be left to the exact solve. Slack as the callers add it (BoundSlack·Σw·y², here Ctt).
        var random = new Random(12);
        int bounded = 0;
        for (int trial = 0; trial < 200_000; trial++)
        {
            double c11 = random.NextDouble() + 0.1, c22 = random.NextDouble() + 0.1;
            double rho = 1 - Math.Pow(10, -1 - 11.9 * random.NextDouble());
            double c12 = rho * Math.Sqrt(c11 * c22), a = 2 * random.NextDouble(), b = 2 * random.NextDouble();
            double c1t = a * c11 + b * c12 + 2e-3 * (random.NextDouble() - 0.5), c2t = a * c12 + b * c22 + 2e-3 * (random.NextDouble() - 0.5);
            double ctt = a * a * c11 + 2 * a * b * c12 + b * b * c22 + 1e-2;
            CellSolution cell = NonNegativeSolve.Solve(new CellSums { W = 1, C11 = c11, C22 = c22, C12 = c12, C1t = c1t, C2t = c2t, Ctt = ctt });
            if (!cell.Valid) continue;
            Assert.True(NonNegativeSolve.MayBeat(c11, c22, c12, c1t, c2t, ctt, cell.Rss + NonNegativeSolve.BoundSlack * ctt), $"trial {trial}: 1 − ρ = {1 - rho:E2} pruned");
            if (c11 * c22 - c12 * c12 > NonNegativeSolve.BoundRatio * c11 * c22) bounded++;
        }
        Assert.InRange(bounded, 50_000, 150_000);   // both branches exercised
    }

    [Fact]
    public void MergedShortlist_OfAStreamedGrid_KeepsCellIndicesBeyondAnInt()
    {
        // Step 1e-5 streams 98,001² = 9.6e9 cells in α slices: a late slice's offset exceeds int.MaxValue (it wrapped
        // negative once, and no cell survived confirmation).
        var list = new CellShortlist(3);
        long offset = 98_001L * 90_000;
        list.Merge([5, 7, -1], [2.0, 1.0, double.PositiveInfinity], offset);
        list.Merge([4, 9, -1], [1.0, 3.0, double.PositiveInfinity], 0);
        Assert.Equal([4L, offset + 7, offset + 5], list.Cells());   // ties to the smaller index: slice 0's cell 4 first
    }

    [Fact]
    public void VectorBound_EqualsScalarBound_LaneByLane()
    {
        var random = new Random(8);
        for (int trial = 0; trial < 20000; trial++)
        {
            double c11 = random.NextDouble(), c1t = random.NextDouble() - 0.5, ctt = random.NextDouble() + 0.5;
            var c22 = new double[4]; var c12 = new double[4]; var c2t = new double[4];
            for (int l = 0; l < 4; l++)
            {
                c22[l] = random.NextDouble();
                // Some lanes nearly singular (|c12| → √(c11·c22)), some exactly, one NaN now and then.
                double rho = random.Next(4) switch { 0 => 1.0, 1 => 1 - 1e-14, _ => 2 * random.NextDouble() - 1 };
                c12[l] = trial % 997 == 0 && l == 0 ? double.NaN : rho * Math.Sqrt(c11 * c22[l]);
                c2t[l] = random.NextDouble() - 0.5;
            }
            double threshold = random.Next(3) switch { 0 => double.PositiveInfinity, 1 => 0, _ => random.NextDouble() * ctt };
            uint lanes = CellBounds.MayBeat(c11, Vector256.Create(c22), Vector256.Create(c12), c1t, Vector256.Create(c2t), ctt, threshold).ExtractMostSignificantBits();
            for (int l = 0; l < 4; l++)
                Assert.Equal(NonNegativeSolve.MayBeat(c11, c22[l], c12[l], c1t, c2t[l], ctt, threshold), (lanes >> l & 1) == 1);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HostShortlist_EqualsSortedPlainEnumeration_OnRandomProblems(bool accelerator)
    {
        IComputeDevice device = accelerator ? tiled : new HostDevice();
        for (int seed = 50; seed < 54; seed++)
        {
            GridProblem problem = RandomProblem(seed);
            var direct = new double[problem.Shape.WorkItems];
            new HostDevice(directOnly: true).EvaluateGrid(problem, CellObjectiveSpec.Mse, direct);   // exact enumeration per cell
            const int k = 16;
            var cells = new int[problem.Shape.ResampleCount * k];
            var values = new double[cells.Length];
            device.SmallestCells(problem, CellObjectiveSpec.Mse, k, cells, values);
            int perResample = (int)problem.Shape.CellsPerResample;
            for (int r = 0; r < problem.Shape.ResampleCount; r++)
            {
                int[] expected = Enumerable.Range(0, perResample).OrderBy(c => direct[r * perResample + c]).ThenBy(c => c).Take(k).ToArray();
                for (int j = 0; j < k; j++)
                {
                    Assert.Equal(expected[j], cells[r * k + j]);
                    AssertRel.Equal(direct[r * perResample + expected[j]], values[r * k + j], 1e-9, $"seed {seed} resample {r} rank {j}");
                }
            }
        }
    }

    [Theory]
    [InlineData(false, 0.005)]
    [InlineData(true, 0.02)]   // the CPU accelerator emulates the tiled kernel's groups slowly: a coarser grid
    public void Shortlists_OnLlama3_EqualTheSelectionFromTheWholeGrid(bool accelerator, double step)
    {
        // The full data and three weight rows with zeros.
        IComputeDevice device = accelerator ? tiled : new HostDevice();
        const int rows = 4;
        GridProblem problem = Llama3Problem(step, rows);
        int n = problem.Shape.PointCount;
        double[] betas = new GridAxis(0.01, 0.99, step).Values();
        var grid = new double[problem.Shape.WorkItems];
        device.EvaluateGrid(problem, CellObjectiveSpec.Mse, grid);
        var (expectedCells, expectedValues) = (new int[rows * 16], new double[rows * 16]);
        CellShortlist.Select(grid, problem.Shape, 16, expectedCells, expectedValues);
        var (cells, values) = (new int[rows * 16], new double[rows * 16]);
        device.SmallestCells(problem, CellObjectiveSpec.Mse, 16, cells, values);
        Assert.Equal(expectedCells, cells);
        if (accelerator) Assert.Equal(expectedValues, values);   // same sums, same solve: bit-identical
        else
        {
            // The host forms the cross sums from the interpolated β table (RowInterpolation): sums equal to rounding, and RSS
            // values (a difference of nearly equal sums) to the accuracy the sums route has anyway.
            Assert.NotNull(RowInterpolation.TryBuild(problem.X2, betas.Length, n));
            for (int i = 0; i < values.Length; i++) AssertRel.Equal(expectedValues[i], values[i], 1e-10, $"shortlist value {i}");
        }
    }

    [Theory]
    [InlineData(8192, 0, null)]   // one level: the whole 50² grid (2,401 cells) fits the slots
    [InlineData(1500, 0, null)]   // stride 8 (49 cells, no threshold), then every cell against their 16th best (1,000–1,500 pass)
    [InlineData(1500, 0, 96_000L)] // the same in batches of 2 resamples (slots for 2 fit half the budget)
    [InlineData(300, 4, null)]    // more candidates than slots at the finest level in every resample: the dense route answers
    [InlineData(48, 4, null)]     // so few slots that the coarsest level (stride 64) holds 1 cell, fewer than the 16 asked
    public void ScreenedShortlist_OnLlama3_EqualsTheWholeGridSelection_ThroughNestedLevelsAndOverflow(int capacity, int fallbacks, long? budget)
    {
        using var device = IlgpuDevice.CpuAccelerator(tiledGroups: true, screenCapacity: capacity, memoryBudgetBytes: budget);
        GridProblem problem = Llama3Problem(0.02, 4);
        var grid = new double[problem.Shape.WorkItems];
        new HostDevice(directOnly: true).EvaluateGrid(problem, CellObjectiveSpec.Mse, grid);   // exact enumeration per cell
        var (expectedCells, expectedValues) = (new int[4 * 16], new double[4 * 16]);
        CellShortlist.Select(grid, problem.Shape, 16, expectedCells, expectedValues);
        var (cells, values) = (new int[4 * 16], new double[4 * 16]);
        device.SmallestCells(problem, CellObjectiveSpec.Mse, 16, cells, values);
        Assert.Equal(fallbacks, device.ScreenFallbacks);
        Assert.Equal(expectedCells, cells);
        for (int i = 0; i < values.Length; i++) AssertRel.Equal(expectedValues[i], values[i], 1e-10, $"shortlist value {i}");
    }

    /// <summary>
    /// A resample that draws only two runs fits every cell exactly: its ties overflow the slots, and such resamples alone
    /// take the dense route (they once sent their whole batch, counted as one fallback); the others keep their screened shortlists.
    /// </summary>
    [Fact]
    public void ScreenedShortlist_SendsOnlyTheOverflowingResampleToTheDenseRoute()
    {
        GridProblem problem = Llama3Problem(0.02, 4);
        int n = problem.Shape.PointCount;
        foreach (int tied in new[] { 1, 2 })
        {
            Array.Clear(problem.Weights, tied * n, n);
            problem.Weights[tied * n] = problem.Weights[tied * n + 100] = 1;
        }
        using var screened = IlgpuDevice.CpuAccelerator(tiledGroups: true, screenCapacity: 1500);
        using var dense = IlgpuDevice.CpuAccelerator(tiledGroups: true, screenCapacity: 0);
        var (cells, values, denseCells, denseValues) = (new int[4 * 16], new double[4 * 16], new int[4 * 16], new double[4 * 16]);
        screened.SmallestCells(problem, CellObjectiveSpec.Mse, 16, cells, values);
        dense.SmallestCells(problem, CellObjectiveSpec.Mse, 16, denseCells, denseValues);
        Assert.Equal(2, screened.ScreenFallbacks);
        Assert.Equal(denseCells.AsSpan(16, 32).ToArray(), cells.AsSpan(16, 32).ToArray());   // the dense route's own answers, bit for bit
        Assert.Equal(denseValues.AsSpan(16, 32).ToArray(), values.AsSpan(16, 32).ToArray());
        foreach (int r in new[] { 0, 3 })
        {
            Assert.Equal(denseCells.AsSpan(r * 16, 16).ToArray(), cells.AsSpan(r * 16, 16).ToArray());
            for (int i = r * 16; i < r * 16 + 16; i++) AssertRel.Equal(denseValues[i], values[i], 1e-10, $"resample {r} value {i}");
        }
    }

    [Theory]
    [InlineData(981, 981, 8192, new[] { 64, 8, 1 })]
    [InlineData(99, 99, 8192, new[] { 8, 1 })]
    [InlineData(50, 50, 8192, new[] { 1 })]
    [InlineData(50, 50, 49, new[] { 8, 1 })]
    [InlineData(50, 50, 48, new[] { 64, 8, 1 })]
    public void ScreenStrides_StartFromTheFirstSubGridThatFitsTheSlots(int alphas, int betas, int capacity, int[] expected) =>
        Assert.Equal(expected, IlgpuDevice.ScreenStrides(new GridShape(alphas, betas, 10, 1), capacity));

    [Fact]
    public void KernelShortlist_BreaksTiesByCellIndex_AndPadsWithMinusOne()
    {
        // Repeated β values tie exactly; zero weights everywhere in one row leave it with no solvable cell.
        GridProblem problem = RandomProblem(60);
        double[] x2 = problem.X2.ToArray();
        int n = problem.Shape.PointCount;
        x2.AsSpan(0, n).CopyTo(x2.AsSpan(n, n));   // β1 repeats β0
        double[] w = problem.Weights.ToArray();
        Array.Clear(w, 0, n);                      // resample 0: all weights zero
        problem = problem with { X2 = x2, Weights = w };
        var onHost = (new int[problem.Shape.ResampleCount * 40], new double[problem.Shape.ResampleCount * 40]);
        var onKernel = (new int[onHost.Item1.Length], new double[onHost.Item1.Length]);
        new HostDevice().SmallestCells(problem, CellObjectiveSpec.Mse, 40, onHost.Item1, onHost.Item2);
        tiled.SmallestCells(problem, CellObjectiveSpec.Mse, 40, onKernel.Item1, onKernel.Item2);
        Assert.Equal(onHost.Item1, onKernel.Item1);
        Assert.All(onKernel.Item1.AsSpan(0, 40).ToArray(), c => Assert.Equal(-1, c));
        Assert.All(onKernel.Item2.AsSpan(0, 40).ToArray(), v => Assert.Equal(double.PositiveInfinity, v));
        for (int j = 1; j < 40; j++)
            if (onKernel.Item2[40 + j] == onKernel.Item2[40 + j - 1]) Assert.True(onKernel.Item1[40 + j] > onKernel.Item1[40 + j - 1]);
    }

    [Fact]
    public void StreamedGrid_EqualsInMemoryGrid_ForAFitAndForResamples()
    {
        var runs = TestData.Llama3();
        var options = VarProOptions.Default with { GridStep = 0.002 };
        // 491 cells per α row: a budget of 60 rows forces 9 α slices and one resample per launch.
        var streamed = new HostDevice(memoryBudgetBytes: 60L * 491 * sizeof(double));
        SurfaceFit whole = VarPro.Fit(runs, options, new HostDevice()), sliced = VarPro.Fit(runs, options, streamed);
        Assert.Equal(whole, sliced);
        var random = new Random(11);
        double[] weights = Enumerable.Range(0, 3 * runs.Count).Select(_ => (double)random.Next(3)).ToArray();
        Assert.Equal(VarPro.FitWeighted(runs, weights, 3, options, new HostDevice()), VarPro.FitWeighted(runs, weights, 3, options, streamed));
        var huber = options with { Objective = FitObjective.Huber, GridStep = 0.01 };
        Assert.Equal(VarPro.Fit(runs, huber, new HostDevice()), VarPro.Fit(runs, huber, new HostDevice(memoryBudgetBytes: 10L * 99 * sizeof(double))));
    }

    // Llama 3 on a square grid of the given step: the full data and rows - 1 weight rows with zeros.
    static GridProblem Llama3Problem(double step, int rows)
    {
        var tables = PointTables.From(TestData.Llama3(), LossSpace.Raw);
        double[] alphas = new GridAxis(0.01, 0.99, step).Values(), betas = alphas;
        int n = tables.Count;
        var random = new Random(9);
        double[] weights = Enumerable.Range(0, rows * n).Select(i => i < n ? 1.0 : random.Next(3)).ToArray();
        return new GridProblem(PointTables.PowerTable(alphas, tables.LogParams), PointTables.PowerTable(betas, tables.LogTokens),
                               Enumerable.Repeat(tables.Y, rows).SelectMany(y => y).ToArray(), weights, new GridShape(alphas.Length, betas.Length, n, rows));
    }

    static (double[] X1, double[] X2, double[] Y, double[] W) RandomCell(Random random)
    {
        int n = 8 + random.Next(30);
        double alpha = 0.05 + random.NextDouble(), beta = 0.05 + random.NextDouble();
        double[] lnN = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        double[] lnD = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        double[] x1 = lnN.Select(l => Math.Exp(-alpha * l)).ToArray(), x2 = lnD.Select(l => Math.Exp(-beta * l)).ToArray();
        // Signs of the true coefficients vary, so every support of the enumeration gets exercised.
        double e = random.NextDouble() * 2 - 0.5, a = random.NextDouble() - 0.3, b = random.NextDouble() - 0.3;
        double[] y = Enumerable.Range(0, n).Select(i => e + a * x1[i] + b * x2[i] + 0.05 * random.NextDouble()).ToArray();
        double[] w = Enumerable.Range(0, n).Select(_ => (double)random.Next(3)).ToArray();
        w[0] = w[1] = w[2] = 1;
        return (x1, x2, y, w);
    }

    // Loss-like rows on random (N, D), multiplicities 0–2, a 23 × 19 grid (not multiples of the 4 × 8 blocks).
    static GridProblem RandomProblem(int seed)
    {
        var random = new Random(seed);
        const int n = 45, resamples = 3;
        double[] lnN = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        double[] lnD = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        double[] y = Enumerable.Range(0, n * resamples).Select(k => 1.7 + 0.4 * Math.Exp(-0.3 * lnN[k % n]) + 0.5 * Math.Exp(-0.25 * lnD[k % n]) + 0.05 * random.NextDouble()).ToArray();
        double[] w = Enumerable.Range(0, n * resamples).Select(_ => (double)random.Next(3)).ToArray();
        double[] alphas = Enumerable.Range(0, 23).Select(i => 0.05 + 0.04 * i).ToArray(), betas = Enumerable.Range(0, 19).Select(i => 0.05 + 0.05 * i).ToArray();
        return new GridProblem(PointTables.PowerTable(alphas, lnN), PointTables.PowerTable(betas, lnD), y, w, new GridShape(alphas.Length, betas.Length, n, resamples));
    }
}
