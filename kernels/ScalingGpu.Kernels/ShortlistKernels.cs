using ILGPU;
using ILGPU.Runtime;

namespace ScalingGpu.Kernels;

/// <summary>Sizes of a per-resample shortlist reduction; copied to devices by value.</summary>
/// <param name="resampleCount">Resamples R.</param>
/// <param name="cellCount">Cells per resample (α-major; at most int.MaxValue).</param>
/// <param name="segmentCount">Interleaved segments per resample in the first pass (cell c belongs to segment c mod S).</param>
/// <param name="length">Cells kept per resample (k).</param>
public readonly struct ShortlistShape(int resampleCount, int cellCount, int segmentCount, int length)
{
    /// <summary>Sizes.</summary>
    public readonly int ResampleCount = resampleCount, CellCount = cellCount, SegmentCount = segmentCount, Length = length;
}

/// <summary>
/// Each resample's k smallest finite objectives (the grid's shortlist) without copying the grid to the host: every
/// (resample, segment) thread keeps a sorted list of its segment's best k, then one thread per resample merges its
/// segments' lists. Order: smaller value first, ties to the smaller cell index (<see cref="Precedes"/>), so the result
/// does not depend on the segment count or the launch.
/// </summary>
public static class ShortlistKernels
{
    /// <summary>True when (value, cell) comes strictly before (otherValue, otherCell). The host shortlist uses the same rule.</summary>
    public static bool Precedes(double value, int cell, double otherValue, int otherCell) => Precedes(value, (long)cell, otherValue, otherCell);

    /// <inheritdoc cref="Precedes(double, int, double, int)"/>
    /// <remarks>Cell indices of a whole grid streamed in slices exceed an int (step 1e-5: 9.6e9 cells).</remarks>
    public static bool Precedes(double value, long cell, double otherValue, long otherCell) =>
        value < otherValue || (value == otherValue && cell < otherCell);

    /// <summary>
    /// First pass, grid-stride over R × S items: segment s of resample r scans cells s, s + S, … (adjacent threads read
    /// adjacent cells) and writes its sorted best k to slots [(r·S + s)·k, +k); empty slots are (+∞, −1).
    /// </summary>
    /// <param name="objective">[R × CellCount]; +∞ or NaN marks a cell that is never kept.</param>
    /// <param name="cells">[R × S × k] cell indices.</param>
    /// <param name="values">[R × S × k] objectives.</param>
    public static void SegmentSmallest(ArrayView<double> objective, ArrayView<int> cells, ArrayView<double> values, ShortlistShape shape)
    {
        long items = (long)shape.ResampleCount * shape.SegmentCount, stride = (long)Grid.DimX * Group.DimX;
        for (long item = Grid.GlobalIndex.X; item < items; item += stride)
        {
            long r = item / shape.SegmentCount, offset = item * shape.Length;
            Clear(cells, values, offset, shape.Length);
            for (long c = item % shape.SegmentCount; c < shape.CellCount; c += shape.SegmentCount)
            {
                double v = objective[r * shape.CellCount + c];
                if (v < double.PositiveInfinity) Insert(cells, values, offset, shape.Length, (int)c, v);
            }
        }
    }

    /// <summary>Second pass, one thread per resample: merges its S segment lists into slots [r·k, +k) of the output.</summary>
    /// <param name="segmentCells">[R × S × k] from <see cref="SegmentSmallest"/>.</param>
    /// <param name="segmentValues">[R × S × k] from <see cref="SegmentSmallest"/>.</param>
    /// <param name="cells">[R × k] the shortlist, best first; (+∞, −1) pads a resample with fewer finite cells.</param>
    /// <param name="values">[R × k] their objectives.</param>
    public static void MergeSegments(ArrayView<int> segmentCells, ArrayView<double> segmentValues, ArrayView<int> cells, ArrayView<double> values,
                                     ShortlistShape shape)
    {
        long stride = (long)Grid.DimX * Group.DimX, perResample = (long)shape.SegmentCount * shape.Length;
        for (long r = Grid.GlobalIndex.X; r < shape.ResampleCount; r += stride)
        {
            long offset = r * shape.Length;
            Clear(cells, values, offset, shape.Length);
            for (long t = r * perResample; t < (r + 1) * perResample; t++)
            {
                double v = segmentValues[t];
                if (v < double.PositiveInfinity) Insert(cells, values, offset, shape.Length, segmentCells[t], v);
            }
        }
    }

    /// <summary>
    /// After a <see cref="ScreenKernels.CrossScreen"/> level, one thread per resample: its shortlist from the stored
    /// candidates into slots [r·k, +k) of the output (order as <see cref="Precedes"/>), and the count reset for the next
    /// level. When every candidate was stored, the k-th value (+∞ if fewer than k) becomes the resample's threshold and
    /// <paramref name="overflows"/>[r] is 0; otherwise the threshold stays and the flag is 1 (the list is incomplete).
    /// </summary>
    /// <param name="candidates">[R × capacity].</param>
    /// <param name="counts">[R] candidates appended, stored or not.</param>
    /// <param name="thresholds">[R].</param>
    /// <param name="overflows">[R].</param>
    /// <param name="cells">[R × k].</param>
    /// <param name="values">[R × k].</param>
    public static void SelectCandidates(ArrayView<Candidate> candidates, ArrayView<int> counts, ArrayView<double> thresholds, ArrayView<int> overflows,
                                        ArrayView<int> cells, ArrayView<double> values, int capacity, int length, int resampleCount)
    {
        long stride = (long)Grid.DimX * Group.DimX;
        for (long r = Grid.GlobalIndex.X; r < resampleCount; r += stride)
        {
            long offset = r * length;
            Clear(cells, values, offset, length);
            int count = counts[r], stored = Math.Min(count, capacity);
            // The last slot in registers: most candidates lose to it without a read of the list.
            double lastValue = double.PositiveInfinity;
            int lastCell = -1;
            for (long t = r * capacity; t < r * capacity + stored; t++)
            {
                Candidate c = candidates[t];
                if (!Precedes(c.Value, c.Cell, lastValue, lastCell)) continue;
                Insert(cells, values, offset, length, c.Cell, c.Value);
                lastValue = values[offset + length - 1];
                lastCell = cells[offset + length - 1];
            }
            overflows[r] = count > capacity ? 1 : 0;
            if (count <= capacity) thresholds[r] = values[offset + length - 1];
            counts[r] = 0;
        }
    }

    static void Clear(ArrayView<int> cells, ArrayView<double> values, long offset, int length)
    {
        for (long j = offset; j < offset + length; j++)
        {
            values[j] = double.PositiveInfinity;
            cells[j] = -1;
        }
    }

    // Insertion into a sorted list of `length` slots; most candidates fail the first test against the last slot.
    static void Insert(ArrayView<int> cells, ArrayView<double> values, long offset, int length, int cell, double value)
    {
        long j = offset + length - 1;
        if (!Precedes(value, cell, values[j], cells[j])) return;
        while (j > offset && Precedes(value, cell, values[j - 1], cells[j - 1]))
        {
            values[j] = values[j - 1];
            cells[j] = cells[j - 1];
            j--;
        }
        values[j] = value;
        cells[j] = cell;
    }
}
