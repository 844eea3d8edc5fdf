using ILGPU;
using ILGPU.Runtime;

namespace ScalingGpu.Kernels;

/// <summary>
/// The MSE grid by sufficient statistics on an accelerator (DESIGN.md §1): small kernels for the per-axis and per-resample
/// sums, then a tiled shared-memory double-precision matrix product for the cross terms Σ w·x1·x2 of all
/// (resample, α, β) cells, fused with the exact non-negative solve of each cell.
/// </summary>
public static class MomentKernels
{
    /// <summary>Edge of the square tile of cells one thread group computes.</summary>
    public const int Tile = 16;

    /// <summary>
    /// Per (resample, row) of a power table: Σw·x, Σw·x², Σw·x·y into <paramref name="moments"/> [R × rows × 3];
    /// used for both the α table (x1) and the β table (x2); y is [R × pointCount]. Grid-stride over R × rows items.
    /// </summary>
    public static void AxisMoments(ArrayView<double> table, ArrayView<double> y, ArrayView<double> weights, ArrayView<double> moments,
                                   int rows, int pointCount, int resampleCount)
    {
        long items = (long)rows * resampleCount, stride = (long)Grid.DimX * Group.DimX;
        for (long item = Grid.GlobalIndex.X; item < items; item += stride)
        {
            long r = item / rows, k = item % rows;
            double s = 0, ss = 0, sy = 0;
            for (int i = 0; i < pointCount; i++)
            {
                double wx = weights[r * pointCount + i] * table[k * pointCount + i];
                s += wx; ss += wx * table[k * pointCount + i]; sy += wx * y[r * pointCount + i];
            }
            moments[3 * item] = s; moments[3 * item + 1] = ss; moments[3 * item + 2] = sy;
        }
    }

    /// <summary>Per resample: Σw, Σw·y, Σw·y² into <paramref name="totals"/> [R × 3].</summary>
    public static void Totals(ArrayView<double> y, ArrayView<double> weights, ArrayView<double> totals, int pointCount, int resampleCount)
    {
        long stride = (long)Grid.DimX * Group.DimX;
        for (long r = Grid.GlobalIndex.X; r < resampleCount; r += stride)
        {
            double w = 0, sy = 0, syy = 0;
            for (int i = 0; i < pointCount; i++)
            {
                double wi = weights[r * pointCount + i];
                double yi = y[r * pointCount + i];
                w += wi; sy += wi * yi; syy += wi * yi * yi;
            }
            totals[3 * r] = w; totals[3 * r + 1] = sy; totals[3 * r + 2] = syy;
        }
    }

    /// <summary>
    /// One group of Tile × Tile threads per (β tile, α tile, resample): the cross sums by a tiled matrix product through
    /// shared memory, then <see cref="NonNegativeSolve"/> from the moments. Launch with grid (⌈Gβ/Tile⌉, ⌈Gα/Tile⌉, R)
    /// and group (Tile, Tile, 1).
    /// </summary>
    /// <param name="objective">[R × Gα × Gβ] RSS from the sums; +∞ for an unsolvable cell.</param>
    public static void CrossSolve(ArrayView<double> x1, ArrayView<double> x2, ArrayView<double> weights, ArrayView<double> alphaMoments,
                                  ArrayView<double> betaMoments, ArrayView<double> totals, ArrayView<double> objective, GridShape shape)
    {
        ArrayView<double> tileA = SharedMemory.Allocate<double>(Tile * Tile);   // [row ty][point k]: w·x1
        // [point k][column tx]: x2, rows padded to Tile + 1 so that both the transposing store and the reads (consecutive
        // doubles per warp) are free of bank conflicts.
        ArrayView<double> tileB = SharedMemory.Allocate<double>(Tile * (Tile + 1));
        int tx = Group.IdxX, ty = Group.IdxY;
        int b = Grid.IdxX * Tile + tx, a = Grid.IdxY * Tile + ty;
        long r = Grid.IdxZ;
        int n = shape.PointCount;
        int loadA = Grid.IdxY * Tile + ty, loadB = Grid.IdxX * Tile + ty;   // rows this thread stages
        double cross = 0;
        for (int i0 = 0; i0 < n; i0 += Tile)
        {
            int i = i0 + tx;
            tileA[ty * Tile + tx] = loadA < shape.AlphaCount && i < n ? weights[r * n + i] * x1[(long)loadA * n + i] : 0;
            tileB[tx * (Tile + 1) + ty] = loadB < shape.BetaCount && i < n ? x2[(long)loadB * n + i] : 0;
            Group.Barrier();
            for (int k = 0; k < Tile; k++) cross += tileA[ty * Tile + k] * tileB[k * (Tile + 1) + tx];
            Group.Barrier();
        }
        if (a >= shape.AlphaCount || b >= shape.BetaCount) return;
        long am = 3 * (r * shape.AlphaCount + a), bm = 3 * (r * shape.BetaCount + b);
        var sums = CellSums.FromMoments(totals[3 * r], alphaMoments[am], betaMoments[bm], totals[3 * r + 1], alphaMoments[am + 1],
                                        betaMoments[bm + 1], cross, alphaMoments[am + 2], betaMoments[bm + 2], totals[3 * r + 2]);
        CellSolution cell = NonNegativeSolve.Solve(sums);
        objective[(r * shape.AlphaCount + a) * shape.BetaCount + b] = cell.Valid ? cell.Rss : double.PositiveInfinity;
    }
}
