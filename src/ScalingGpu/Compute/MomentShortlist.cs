using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// Each resample's k best cells of the MSE grid on the host, without materialising the grid. Per resample: the same
/// sufficient statistics as <see cref="MomentGrid"/> (cross terms by the blocked matrix product over the points with
/// non-zero weight only: a zero weight adds exactly nothing; or, when the β table interpolates from a few of its rows,
/// <see cref="RowInterpolation"/>, from the cross sums at those rows), then per cell the division-free lower bound
/// (<see cref="CellBounds.MayBeat"/>, four cells per vector) against the resample's current k-th best; only cells that
/// may beat it get the exact enumeration (<see cref="NonNegativeSolve.Solve"/>), from the same sums as
/// <see cref="MomentGrid"/> (to rounding where interpolated), so the shortlist holds the values the full grid would.
/// </summary>
internal static class MomentShortlist
{
    // What every resample reads of the β table: its transpose and its interpolation basis. A fit passes the same table to
    // each chunk of resamples (VarPro.BestCells), so they are built once per table, and live as long as the table does.
    static readonly ConditionalWeakTable<double[], SharedColumns> Columns = new();

    sealed record SharedColumns(int Rows, double[] Transposed, InterpolatedColumns? Basis)
    {
        public static SharedColumns Of(double[] x2, int gb, int n, int stride) =>
            new(gb, MomentGrid.Transpose(x2, gb, n, stride), RowInterpolation.TryBuild(x2, gb, n) is { } rows ? new InterpolatedColumns(rows, gb, stride) : null);
    }

    /// <summary>Writes each resample's shortlist into <paramref name="cells"/> and <paramref name="values"/> [R × k].</summary>
    public static void Find(GridProblem problem, int k, int[] cells, double[] values)
    {
        GridShape shape = problem.Shape;
        int n = shape.PointCount, ga = shape.AlphaCount, gb = shape.BetaCount, resamples = shape.ResampleCount;
        int alphaBlocks = (ga + CrossProducts.Rows - 1) / CrossProducts.Rows;
        int stride = (gb + CrossProducts.Columns - 1) / CrossProducts.Columns * CrossProducts.Columns;
        SharedColumns shared = Columns.GetValue(problem.X2, x2 => SharedColumns.Of(x2, gb, n, stride));
        if (shared.Rows != gb) shared = SharedColumns.Of(problem.X2, gb, n, stride);   // the same array read as another shape
        var (x2Transposed, basis) = (shared.Transposed, shared.Basis);
        // Few resamples (a single fit): split each resample's α blocks into slabs so every core has work.
        int slabs = Math.Clamp((2 * Environment.ProcessorCount + resamples - 1) / resamples, 1, alphaBlocks);
        var lists = new CellShortlist[resamples * slabs];
        var moments = new Moments?[resamples];
        // The best cell of any finished resample: later ones start there, so their k-th best is tight from the first
        // blocks and the bound prunes nearly every other cell. The shortlist does not depend on the order cells come in.
        int hint = 0;
        Parallel.For(0, resamples * slabs, work =>
        {
            int r = work / slabs, slab = work % slabs;
            // Kept only while a resample's slabs share them (racing slabs may both compute them: identical values).
            Moments m = moments[r] ?? Moments.Of(problem, r, x2Transposed, stride, basis);
            if (slabs > 1) moments[r] = m;
            var list = new CellShortlist(k);
            int start = slab * alphaBlocks / slabs, end = (slab + 1) * alphaBlocks / slabs, best = Volatile.Read(ref hint);
            int firstBlock = Math.Clamp(best / gb / CrossProducts.Rows, start, end - 1), firstColumn = best % gb / CrossProducts.Columns;
            for (int t = 0; t < end - start && m.Active > 0; t++)   // no weighted point: no solvable cell
                Screen(m, (start + (firstBlock - start + t) % (end - start)) * CrossProducts.Rows, firstColumn, ga, gb, list);
            lists[work] = list;
            if (list.Cells() is [long found, ..]) Volatile.Write(ref hint, (int)found);   // a device call's cells fit an int
        });
        for (int r = 0; r < resamples; r++)
        {
            var merged = lists[r * slabs];
            for (int s = 1; s < slabs; s++) merged.Merge(lists[r * slabs + s]);
            merged.CopyTo(cells.AsSpan(r * k, k), values.AsSpan(r * k, k));
        }
    }

    // One block of 4 α rows against every β: cross sums, the vector bound, the exact solve where the bound allows.
    static void Screen(Moments m, int a0, int firstColumn, int ga, int gb, CellShortlist list)
    {
        Span<double> cross = stackalloc double[CrossProducts.Rows * CrossProducts.Columns];
        ReadOnlySpan<double> rows = m.Rows.AsSpan(a0 * m.Inner, CrossProducts.Rows * m.Inner);
        int columnBlocks = (gb + CrossProducts.Columns - 1) / CrossProducts.Columns, panel = m.Inner * CrossProducts.Columns;
        for (int t = 0; t < columnBlocks; t++)
        {
            int column = (firstColumn + t) % columnBlocks, b0 = column * CrossProducts.Columns;
            CrossProducts.Block(rows, m.Panels.AsSpan(column * panel, panel), CrossProducts.Columns, 0, m.Inner, cross);
            // The per-β terms of this column block, loaded once for its α rows (the arrays are padded to whole blocks).
            var m2 = (Vector256.Create(m.M2.AsSpan(b0)), Vector256.Create(m.M2.AsSpan(b0 + 4)));
            var c22 = (Vector256.Create(m.C22.AsSpan(b0)), Vector256.Create(m.C22.AsSpan(b0 + 4)));
            var c2t = (Vector256.Create(m.C2t.AsSpan(b0)), Vector256.Create(m.C2t.AsSpan(b0 + 4)));
            for (int i = 0; i < CrossProducts.Rows && a0 + i < ga; i++)
            {
                int a = a0 + i;
                double s1 = m.Alpha[3 * a], c11 = m.C11[a], c1t = m.C1t[a];
                double threshold = list.Threshold + m.Margin;
                ReadOnlySpan<double> row = cross.Slice(i * CrossProducts.Columns, CrossProducts.Columns);
                var v1 = Vector256.Create(s1);
                uint lanes = CellBounds.MayBeat(c11, c22.Item1, Vector256.Create(row) - v1 * m2.Item1, c1t, c2t.Item1, m.Ctt, threshold).ExtractMostSignificantBits()
                             | CellBounds.MayBeat(c11, c22.Item2, Vector256.Create(row[4..]) - v1 * m2.Item2, c1t, c2t.Item2, m.Ctt, threshold).ExtractMostSignificantBits() << 4;
                for (; lanes != 0; lanes &= lanes - 1)
                {
                    int j = System.Numerics.BitOperations.TrailingZeroCount(lanes), b = b0 + j;
                    if (b >= gb) break;
                    var sums = CellSums.FromMoments(m.W, s1, m.Beta[3 * b], m.Sy, m.Alpha[3 * a + 1], m.Beta[3 * b + 1], row[j],
                                                    m.Alpha[3 * a + 2], m.Beta[3 * b + 2], m.Syy);
                    CellSolution cell = NonNegativeSolve.Solve(sums);
                    if (cell.Valid) list.Offer(a * gb + b, cell.Rss);
                }
            }
        }
    }

    /// <summary>
    /// The β table as interpolants of its node rows (<see cref="RowInterpolation"/>), shared by every resample: the
    /// Lagrange weights packed per 8-column block, [Gβ/8 × nodes × 8] (zero beyond Gβ), as the cross products read them.
    /// </summary>
    sealed class InterpolatedColumns(RowInterpolation rows, int gb, int stride)
    {
        public RowInterpolation Rows { get; } = rows;
        public double[] Panels { get; } = Pack(rows, gb, stride);

        static double[] Pack(RowInterpolation rows, int gb, int stride)
        {
            int k = rows.Count, columns = CrossProducts.Columns;
            var panels = new double[stride * k];
            for (int b = 0; b < gb; b++)
                for (int j = 0; j < k; j++) panels[(b / columns * k + j) * columns + b % columns] = rows.Weights[b * k + j];
            return panels;
        }
    }

    /// <summary>
    /// One resample's sums (the same operations as <see cref="MomentGrid"/>) and the centred per-axis terms of the bound.
    /// The cross sums come from <see cref="Rows"/> × <see cref="Panels"/> with inner length <see cref="Inner"/>: directly,
    /// w·x1 of the active points against their x2; or, when the β table interpolates and has fewer nodes than active
    /// points, the cross sums at the node rows against the Lagrange weights.
    /// </summary>
    sealed class Moments
    {
        /// <summary>Points with non-zero weight.</summary>
        public int Active;
        /// <summary>Inner length of the cross products: active points, or interpolation nodes.</summary>
        public int Inner;
        /// <summary>[padded Gα × Inner] left factor; [Gβ/8 × Inner × 8] right factor packed per 8-column block, so the
        /// matrix product reads each block's panel contiguously.</summary>
        public required double[] Rows, Panels;
        /// <summary>[3 × Gα] Σw·x1, Σw·x1², Σw·x1·y; [3 × Gβ] likewise for x2.</summary>
        public required double[] Alpha, Beta;
        /// <summary>Centred terms as <see cref="CellSums.FromMoments"/> forms them: per α C11, C1t; per β (padded to stride) M2, C22, C2t.</summary>
        public required double[] C11, C1t, M2, C22, C2t;
        public double W, Sy, Syy, Ctt, Margin;

        public static Moments Of(GridProblem problem, int r, double[] x2Transposed, int stride, InterpolatedColumns? basis)
        {
            GridShape shape = problem.Shape;
            int n = shape.PointCount, ga = shape.AlphaCount, gb = shape.BetaCount;
            ReadOnlySpan<double> w = problem.Weights.AsSpan(r * n, n), y = problem.Y.AsSpan(r * n, n);
            var active = new List<int>(n);
            for (int i = 0; i < n; i++) if (w[i] != 0) active.Add(i);
            int paddedAlphas = (ga + CrossProducts.Rows - 1) / CrossProducts.Rows * CrossProducts.Rows;
            var wy = new double[n];
            TensorPrimitives.Multiply(w, y, wy);
            var m = new Moments
            {
                Active = active.Count,
                Rows = new double[paddedAlphas * active.Count], Panels = [],
                Alpha = new double[3 * ga], Beta = new double[3 * gb],
                C11 = new double[ga], C1t = new double[ga], M2 = new double[stride], C22 = new double[stride], C2t = new double[stride],
                W = TensorPrimitives.Sum(w), Sy = TensorPrimitives.Sum(wy), Syy = TensorPrimitives.Dot(wy, y),
            };
            double mt = m.Sy / m.W;
            m.Ctt = m.Syy - m.Sy * mt;
            m.Margin = NonNegativeSolve.BoundSlack * m.Syy;
            var wx = new double[n];
            for (int a = 0; a < ga; a++)
            {
                MomentGrid.AxisMoments(w, problem.X1.AsSpan(a * n, n), y, wx, m.Alpha.AsSpan(3 * a, 3));
                double s1 = m.Alpha[3 * a];
                m.C11[a] = m.Alpha[3 * a + 1] - s1 * (s1 / m.W);
                m.C1t[a] = m.Alpha[3 * a + 2] - s1 * mt;
                for (int j = 0; j < active.Count; j++) m.Rows[a * active.Count + j] = wx[active[j]];
            }
            for (int b = 0; b < gb; b++)
            {
                MomentGrid.AxisMoments(w, problem.X2.AsSpan(b * n, n), y, wx, m.Beta.AsSpan(3 * b, 3));
                double s2 = m.Beta[3 * b];
                m.M2[b] = s2 / m.W;
                m.C22[b] = m.Beta[3 * b + 1] - s2 * m.M2[b];
                m.C2t[b] = m.Beta[3 * b + 2] - s2 * mt;
            }
            if (basis is not null && basis.Rows.Count < active.Count) m.Interpolate(basis, active, x2Transposed, stride, paddedAlphas);
            else m.Pack(active, x2Transposed, stride);
            return m;
        }

        // Direct: x2 of the active points packed per column block.
        void Pack(List<int> active, double[] x2Transposed, int stride)
        {
            const int columns = CrossProducts.Columns;
            Inner = active.Count;
            Panels = new double[active.Count * stride];
            for (int b0 = 0; b0 < stride; b0 += columns)
                for (int j = 0; j < active.Count; j++)
                    x2Transposed.AsSpan(active[j] * stride + b0, columns).CopyTo(Panels.AsSpan((b0 * active.Count) + j * columns, columns));
        }

        // Interpolated: the cross sums at the node rows, Σ_i w·x1[a, i]·x2[node_j, i] (the same micro-kernel), become the left
        // factor; the shared Lagrange weights are the right one.
        void Interpolate(InterpolatedColumns basis, List<int> active, double[] x2Transposed, int stride, int paddedAlphas)
        {
            const int columns = CrossProducts.Columns;
            int k = basis.Rows.Count, nodeStride = (k + columns - 1) / columns * columns;
            var nodes = new double[active.Count * nodeStride];   // [active × nodes], zero-padded to whole column blocks
            for (int i = 0; i < active.Count; i++)
                for (int j = 0; j < k; j++) nodes[i * nodeStride + j] = x2Transposed[active[i] * stride + basis.Rows.Nodes[j]];
            var atNodes = new double[paddedAlphas * k];
            Span<double> cross = stackalloc double[CrossProducts.Rows * columns];
            for (int a0 = 0; a0 < paddedAlphas; a0 += CrossProducts.Rows)
                for (int j0 = 0; j0 < k; j0 += columns)
                {
                    CrossProducts.Block(Rows.AsSpan(a0 * active.Count, CrossProducts.Rows * active.Count), nodes, nodeStride, j0, active.Count, cross);
                    for (int i = 0; i < CrossProducts.Rows; i++)
                        for (int j = j0; j < Math.Min(j0 + columns, k); j++) atNodes[(a0 + i) * k + j] = cross[i * columns + j - j0];
                }
            Rows = atNodes;
            Inner = k;
            Panels = basis.Panels;
        }
    }
}
