using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// The k best (smallest finite objective) cells seen so far, sorted, in the order of
/// <see cref="ShortlistKernels.Precedes"/> (ties to the smaller cell index), so the result does not depend on the order
/// cells arrive in. Empty slots are (+∞, −1). Indices are longs: a streamed grid's slices merge into one shortlist of
/// the whole grid, which can hold more cells than an int counts.
/// </summary>
internal sealed class CellShortlist
{
    readonly double[] values;
    readonly long[] cells;

    public CellShortlist(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        values = new double[length];
        cells = new long[length];
        Array.Fill(values, double.PositiveInfinity);
        Array.Fill(cells, -1);
    }

    /// <summary>The k-th best objective so far (+∞ until k finite cells were offered): a cell must beat it to enter.</summary>
    public double Threshold => values[^1];

    /// <summary>Offers a cell; +∞ and NaN objectives are never kept.</summary>
    public void Offer(long cell, double value)
    {
        int j = values.Length - 1;
        if (!(value < double.PositiveInfinity) || !ShortlistKernels.Precedes(value, cell, values[j], cells[j])) return;
        for (; j > 0 && ShortlistKernels.Precedes(value, cell, values[j - 1], cells[j - 1]); j--)
        {
            values[j] = values[j - 1];
            cells[j] = cells[j - 1];
        }
        values[j] = value;
        cells[j] = cell;
    }

    /// <summary>Offers every kept cell of <paramref name="other"/>, its indices shifted by <paramref name="cellOffset"/>.</summary>
    public void Merge(CellShortlist other, long cellOffset = 0)
    {
        for (int j = 0; j < other.values.Length && other.cells[j] >= 0; j++) Offer(other.cells[j] + cellOffset, other.values[j]);
    }

    /// <summary>Offers the slots of a device's output row (as written by <see cref="IComputeDevice.SmallestCells"/>).</summary>
    public void Merge(ReadOnlySpan<int> otherCells, ReadOnlySpan<double> otherValues, long cellOffset)
    {
        for (int j = 0; j < otherCells.Length && otherCells[j] >= 0; j++) Offer(otherCells[j] + cellOffset, otherValues[j]);
    }

    /// <summary>Copies the slots, best first, into one output row (of a device call, whose cells an int indexes).</summary>
    public void CopyTo(Span<int> cellsOut, Span<double> valuesOut)
    {
        for (int j = 0; j < cells.Length; j++) cellsOut[j] = checked((int)cells[j]);
        values.CopyTo(valuesOut);
    }

    /// <summary>Each resample's shortlist of a materialised grid [R × cells] into [R × length] rows (resamples in parallel).</summary>
    public static void Select(double[] objective, GridShape shape, int length, int[] cells, double[] values)
    {
        int perResample = (int)shape.CellsPerResample;
        Parallel.For(0, shape.ResampleCount, r =>
        {
            var list = new CellShortlist(length);
            ReadOnlySpan<double> row = objective.AsSpan(r * perResample, perResample);
            for (int c = 0; c < row.Length; c++)
                if (row[c] <= list.Threshold) list.Offer(c, row[c]);   // cheap pre-test; Offer decides ties and +∞
            list.CopyTo(cells.AsSpan(r * length, length), values.AsSpan(r * length, length));
        });
    }

    /// <summary>The kept cell indices, best first (empty slots left out).</summary>
    public long[] Cells() => cells.Where(c => c >= 0).ToArray();
}
