using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace ScalingGpu.Kernels;

/// <summary>Sizes of one screening launch: the grid, the sub-grid stride, and the candidate slots per resample.</summary>
/// <param name="grid">The whole grid and problem sizes.</param>
/// <param name="stride">Only cells whose α and β indices are multiples of this are screened (1: every cell).</param>
/// <param name="capacity">Candidate slots per resample.</param>
public readonly struct ScreenShape(GridShape grid, int stride, int capacity)
{
    /// <summary>The whole grid.</summary>
    public readonly GridShape Grid = grid;
    /// <summary>Sub-grid stride and candidate slots per resample.</summary>
    public readonly int Stride = stride, Capacity = capacity;
    /// <summary>Sub-grid sizes: ⌈Gα / stride⌉ and ⌈Gβ / stride⌉.</summary>
    public int SubAlpha => (Grid.AlphaCount + Stride - 1) / Stride;
    /// <summary>Sub-grid β size.</summary>
    public int SubBeta => (Grid.BetaCount + Stride - 1) / Stride;
}

/// <summary>A cell that passed the screen: its objective and its index in the resample's grid (α-major).</summary>
public struct Candidate
{
    /// <summary>RSS from the sums.</summary>
    public double Value;
    /// <summary>α · Gβ + β.</summary>
    public int Cell;
}

/// <summary>
/// Each resample's shortlist without the dense grid (DESIGN.md §1, sufficient statistics): a register-blocked
/// double-precision product forms the cross sums Σw·x1·x2 of a 128 × 128 block of cells per group (8 × 8 per thread, the
/// points staged through shared memory 8 at a time, double-buffered), then every cell gets the division-free lower bound
/// (<see cref="NonNegativeSolve.MayBeat"/>) against its resample's threshold, and only cells that may beat it get the
/// exact enumeration; those within the threshold are appended to the resample's candidate slots. The host runs it on
/// nested sub-grids, coarse to fine, each level's k-th best becoming the next level's threshold
/// (<see cref="ShortlistKernels.SelectCandidates"/>).
/// </summary>
public static class ScreenKernels
{
    /// <summary>Threads per group edge (a group is Side × Side threads).</summary>
    public const int Side = 16;
    /// <summary>Cells per group edge: 8 per thread.</summary>
    public const int Span = 8 * Side;
    /// <summary>Points staged in shared memory per pass.</summary>
    public const int Depth = 8;

    /// <summary>
    /// Per (resample, row) of a power table, the centred terms <see cref="CellSums.FromMoments"/> forms, with the same
    /// operations: mean Σw·x/Σw, Σw·x² − Σw·x·mean, Σw·x·y − Σw·x·(Σw·y/Σw), into <paramref name="terms"/> [R × rows × 3].
    /// </summary>
    public static void AxisTerms(ArrayView<double> moments, ArrayView<double> totals, ArrayView<double> terms, int rows, int resampleCount)
    {
        long items = (long)rows * resampleCount, stride = (long)Grid.DimX * Group.DimX;
        for (long item = Grid.GlobalIndex.X; item < items; item += stride)
        {
            long r = item / rows;
            double w = totals[3 * r], s = moments[3 * item];
            double mean = s / w;
            terms[3 * item] = mean;
            terms[3 * item + 1] = moments[3 * item + 1] - s * mean;
            terms[3 * item + 2] = moments[3 * item + 2] - s * (totals[3 * r + 1] / w);
        }
    }

    /// <summary>
    /// One group of Side × Side threads per (β block, α block, resample) of the sub-grid: launch with grid
    /// (⌈SubBeta / Span⌉, ⌈SubAlpha / Span⌉, R) and group (Side, Side, 1). Thread (x, y) owns sub-grid rows
    /// y + Side·i and columns x + Side·j of its block (i, j = 0–7), so a warp's shared reads are two adjacent broadcast
    /// addresses (its two y values) and one run of 16 consecutive doubles: no bank conflicts.
    /// </summary>
    /// <param name="x1T">[n × Gα] the α power table, transposed.</param>
    /// <param name="x2T">[n × Gβ] the β power table, transposed.</param>
    /// <param name="weights">[R × n].</param>
    /// <param name="alphaMoments">[R × Gα × 3] Σw·x1, Σw·x1², Σw·x1·y.</param>
    /// <param name="betaMoments">[R × Gβ × 3] likewise for x2.</param>
    /// <param name="alphaTerms">[R × Gα × 3] from <see cref="AxisTerms"/>.</param>
    /// <param name="betaTerms">[R × Gβ × 3] from <see cref="AxisTerms"/>.</param>
    /// <param name="totals">[R × 3] Σw, Σw·y, Σw·y².</param>
    /// <param name="thresholds">[R] cells whose RSS exceeds this are dropped (+∞ keeps every solvable cell).</param>
    /// <param name="counts">[R] candidates appended so far (may exceed the capacity: the excess is not stored).</param>
    /// <param name="candidates">[R × capacity].</param>
    public static void CrossScreen(ArrayView<double> x1T, ArrayView<double> x2T, ArrayView<double> weights, ArrayView<double> alphaMoments,
                                   ArrayView<double> betaMoments, ArrayView<double> alphaTerms, ArrayView<double> betaTerms, ArrayView<double> totals,
                                   ArrayView<double> thresholds, ArrayView<int> counts, ArrayView<Candidate> candidates, ScreenShape shape)
    {
        // Two buffers of [point][row] w·x1 and [point][column] x2: a pass computes from one while the next is stored into
        // the other, so one barrier per pass suffices.
        ArrayView<double> stagedA = SharedMemory.Allocate<double>(2 * Depth * Span);
        ArrayView<double> stagedB = SharedMemory.Allocate<double>(2 * Depth * Span);
        var at = new BlockPosition(Group.IdxX, Group.IdxY, Grid.IdxY * Span, Grid.IdxX * Span, Grid.IdxZ, shape);
        int n = shape.Grid.PointCount;
        var block = new OctetBlock();
        // Each thread stages 4 α and 4 β values per pass; the next pass's are read from memory while this one computes.
        at.Store(at.Stage(x1T, x2T, weights, 0), stagedA, stagedB, 0);
        Group.Barrier();
        for (int i0 = 0, buffer = 0; i0 < n; i0 += Depth, buffer ^= Depth * Span)
        {
            bool more = i0 + Depth < n;
            Octet next = more ? at.Stage(x1T, x2T, weights, i0 + Depth) : default;
            int end = buffer + Math.Min(Depth, n - i0) * Span;   // the last pass stops at the last point
            for (int k = buffer; k < end; k += Span)
                block.AddOuter(Octet.Load(stagedA, k + at.Ty, Side), Octet.Load(stagedB, k + at.Tx, Side));
            if (more) at.Store(next, stagedA, stagedB, buffer ^ Depth * Span);
            Group.Barrier();
        }
        var screen = new CellScreen(at, alphaMoments, betaMoments, alphaTerms, betaTerms, totals, thresholds, counts, candidates);
        screen.Row(0, block.R0); screen.Row(1, block.R1); screen.Row(2, block.R2); screen.Row(3, block.R3);
        screen.Row(4, block.R4); screen.Row(5, block.R5); screen.Row(6, block.R6); screen.Row(7, block.R7);
    }

    /// <summary>Where a thread's 8 × 8 cells lie: thread (Tx, Ty) of the block at sub-grid (RowBase, ColumnBase), resample R.</summary>
    readonly struct BlockPosition(int tx, int ty, int rowBase, int columnBase, long r, ScreenShape shape)
    {
        public readonly int Tx = tx, Ty = ty, RowBase = rowBase, ColumnBase = columnBase;
        public readonly long R = r;
        public readonly ScreenShape Shape = shape;

        // Staged element e = thread + 256·q (q = 0–3) is point e / Span, row or column e % Span of the pass.
        int Slot => (Ty * Side + Tx) % Span;
        int FirstPoint => (Ty * Side + Tx) / Span;

        /// <summary>Lanes 0–3: w·x1 of the staged rows; lanes 4–7: x2 of the staged columns (0 outside the grid).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Octet Stage(ArrayView<double> x1T, ArrayView<double> x2T, ArrayView<double> weights, int i0)
        {
            int i = i0 + FirstPoint;
            return new Octet
            {
                V0 = Weighted(x1T, weights, i), V1 = Weighted(x1T, weights, i + 2), V2 = Weighted(x1T, weights, i + 4), V3 = Weighted(x1T, weights, i + 6),
                V4 = Column(x2T, i), V5 = Column(x2T, i + 2), V6 = Column(x2T, i + 4), V7 = Column(x2T, i + 6),
            };
        }

        /// <summary>Writes a staged octet into the shared [point][row] tiles of the buffer at <paramref name="buffer"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(in Octet staged, ArrayView<double> stagedA, ArrayView<double> stagedB, int buffer)
        {
            int slot = buffer + FirstPoint * Span + Slot;
            stagedA[slot] = staged.V0; stagedA[slot + 2 * Span] = staged.V1; stagedA[slot + 4 * Span] = staged.V2; stagedA[slot + 6 * Span] = staged.V3;
            stagedB[slot] = staged.V4; stagedB[slot + 2 * Span] = staged.V5; stagedB[slot + 4 * Span] = staged.V6; stagedB[slot + 6 * Span] = staged.V7;
        }

        // Same product, in the same order, as MomentKernels.CrossSolve stages.
        double Weighted(ArrayView<double> x1T, ArrayView<double> weights, int i)
        {
            int row = RowBase + Slot, n = Shape.Grid.PointCount;
            return row < Shape.SubAlpha && i < n ? weights[R * n + i] * x1T[(long)i * Shape.Grid.AlphaCount + (long)row * Shape.Stride] : 0;
        }

        double Column(ArrayView<double> x2T, int i)
        {
            int column = ColumnBase + Slot;
            return column < Shape.SubBeta && i < Shape.Grid.PointCount ? x2T[(long)i * Shape.Grid.BetaCount + (long)column * Shape.Stride] : 0;
        }
    }

    /// <summary>The bound and the exact solve for a thread's cells, from the per-resample and per-column terms loaded once.</summary>
    struct CellScreen
    {
        readonly BlockPosition at;
        readonly ArrayView<double> alphaMoments, betaMoments, alphaTerms;
        readonly ArrayView<int> counts;
        readonly ArrayView<Candidate> candidates;
        readonly double w, sy, syy, ctt, limit;
        readonly Octet m2, c22, c2t;
        readonly int columns;   // this thread's columns inside the sub-grid (0–8)

        public CellScreen(BlockPosition at, ArrayView<double> alphaMoments, ArrayView<double> betaMoments, ArrayView<double> alphaTerms,
                          ArrayView<double> betaTerms, ArrayView<double> totals, ArrayView<double> thresholds, ArrayView<int> counts,
                          ArrayView<Candidate> candidates)
        {
            this.at = at;
            this.alphaMoments = alphaMoments; this.betaMoments = betaMoments; this.alphaTerms = alphaTerms;
            this.counts = counts; this.candidates = candidates;
            long r = at.R;
            w = totals[3 * r]; sy = totals[3 * r + 1]; syy = totals[3 * r + 2];
            ctt = syy - sy * (sy / w);
            limit = thresholds[r] + NonNegativeSolve.BoundSlack * syy;
            int first = at.ColumnBase + at.Tx;
            columns = Math.Min(Math.Max((at.Shape.SubBeta - first + Side - 1) / Side, 0), 8);
            m2 = LoadColumns(betaTerms, r, first, 0);
            c22 = LoadColumns(betaTerms, r, first, 1);
            c2t = LoadColumns(betaTerms, r, first, 2);
        }

        /// <summary>Term <paramref name="term"/> of the thread's 8 columns; 0 beyond the sub-grid.</summary>
        readonly Octet LoadColumns(ArrayView<double> betaTerms, long r, int first, int term) => new()
        {
            V0 = ColumnTerm(betaTerms, r, first, 0, term), V1 = ColumnTerm(betaTerms, r, first, 1, term),
            V2 = ColumnTerm(betaTerms, r, first, 2, term), V3 = ColumnTerm(betaTerms, r, first, 3, term),
            V4 = ColumnTerm(betaTerms, r, first, 4, term), V5 = ColumnTerm(betaTerms, r, first, 5, term),
            V6 = ColumnTerm(betaTerms, r, first, 6, term), V7 = ColumnTerm(betaTerms, r, first, 7, term),
        };

        readonly double ColumnTerm(ArrayView<double> betaTerms, long r, int first, int j, int term) =>
            j < columns ? betaTerms[3 * (r * at.Shape.Grid.BetaCount + (long)(first + Side * j) * at.Shape.Stride) + term] : 0;

        /// <summary>Screens row i of the thread's cells, whose cross sums are <paramref name="cross"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Row(int i, in Octet cross)
        {
            int row = at.RowBase + at.Ty + Side * i;
            if (row >= at.Shape.SubAlpha || columns == 0) return;
            long alpha = (long)row * at.Shape.Stride, am = 3 * (at.R * at.Shape.Grid.AlphaCount + alpha);
            double s1 = alphaMoments[am], c11 = alphaTerms[am + 1], c1t = alphaTerms[am + 2];
            int mask = MayBeatMask(cross, s1, c11, c1t) & ((1 << columns) - 1);
            for (int j = 0; mask != 0 && j < 8; j++)
                if ((mask >> j & 1) != 0) Solve(alpha, am, (long)(at.ColumnBase + at.Tx + Side * j) * at.Shape.Stride, cross.Get(j));
        }

        // Bits j where NonNegativeSolve.MayBeat holds for (row, column j).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        readonly int MayBeatMask(in Octet cross, double s1, double c11, double c1t) =>
            (NonNegativeSolve.MayBeat(c11, c22.V0, cross.V0 - s1 * m2.V0, c1t, c2t.V0, ctt, limit) ? 1 : 0)
            | (NonNegativeSolve.MayBeat(c11, c22.V1, cross.V1 - s1 * m2.V1, c1t, c2t.V1, ctt, limit) ? 2 : 0)
            | (NonNegativeSolve.MayBeat(c11, c22.V2, cross.V2 - s1 * m2.V2, c1t, c2t.V2, ctt, limit) ? 4 : 0)
            | (NonNegativeSolve.MayBeat(c11, c22.V3, cross.V3 - s1 * m2.V3, c1t, c2t.V3, ctt, limit) ? 8 : 0)
            | (NonNegativeSolve.MayBeat(c11, c22.V4, cross.V4 - s1 * m2.V4, c1t, c2t.V4, ctt, limit) ? 16 : 0)
            | (NonNegativeSolve.MayBeat(c11, c22.V5, cross.V5 - s1 * m2.V5, c1t, c2t.V5, ctt, limit) ? 32 : 0)
            | (NonNegativeSolve.MayBeat(c11, c22.V6, cross.V6 - s1 * m2.V6, c1t, c2t.V6, ctt, limit) ? 64 : 0)
            | (NonNegativeSolve.MayBeat(c11, c22.V7, cross.V7 - s1 * m2.V7, c1t, c2t.V7, ctt, limit) ? 128 : 0);

        // The exact enumeration from the same sums as the dense kernel; a cell within the threshold becomes a candidate.
        readonly void Solve(long alpha, long am, long beta, double cross)
        {
            long r = at.R, bm = 3 * (r * at.Shape.Grid.BetaCount + beta);
            var sums = CellSums.FromMoments(w, alphaMoments[am], betaMoments[bm], sy, alphaMoments[am + 1], betaMoments[bm + 1], cross,
                                            alphaMoments[am + 2], betaMoments[bm + 2], syy);
            CellSolution cell = NonNegativeSolve.Solve(sums);
            if (!cell.Valid || !(cell.Rss <= limit)) return;
            int slot = Atomic.Add(ref counts[r], 1);
            if (slot < at.Shape.Capacity)
                candidates[r * at.Shape.Capacity + slot] = new Candidate { Value = cell.Rss, Cell = (int)(alpha * at.Shape.Grid.BetaCount + beta) };
        }
    }
}
