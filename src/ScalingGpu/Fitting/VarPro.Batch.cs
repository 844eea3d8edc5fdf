using ScalingGpu.Compute;
using ScalingGpu.Data;

namespace ScalingGpu.Fitting;

internal static partial class VarPro
{
    /// <summary>
    /// Fits one surface per weight row, where row r weights the losses of data set <paramref name="dataOfRow"/>[r]: the
    /// bootstrap resamples of many simulated replicates of one design in as few grid launches as memory allows (they
    /// share N and D, so the per-α and per-β power tables are built once). Row r's fit does not depend on the other rows.
    /// </summary>
    /// <param name="dataSets">Replicates of one design (same N and D, different losses).</param>
    /// <param name="dataOfRow">[rows] index into <paramref name="dataSets"/> of each weight row.</param>
    /// <param name="weights">[rows × points] non-negative weights (bootstrap multiplicities, jackknife rows, or ones).</param>
    /// <exception cref="ArgumentException">The data sets differ in N or D, or the sizes do not match.</exception>
    public static SurfaceFit[] FitRowsOf(IReadOnlyList<RunTable> dataSets, int[] dataOfRow, double[] weights, VarProOptions options, IComputeDevice device)
    {
        RunTable first = dataSets[0];
        if (dataSets.Any(t => !t.Params.AsSpan().SequenceEqual(first.Params) || !t.Tokens.AsSpan().SequenceEqual(first.Tokens)))
            throw new ArgumentException("Data sets batched into one grid must share their design (N and D).", nameof(dataSets));
        if (weights.Length != (long)dataOfRow.Length * first.Count)
            throw new ArgumentException($"weights has {weights.Length} values; {dataOfRow.Length} rows × {first.Count} runs needs {dataOfRow.Length * first.Count}.", nameof(weights));
        PointTables[] tables = dataSets.Select(t => PointTables.From(t, options.Space)).ToArray();
        return FitRows(dataOfRow.Select(d => tables[d]).ToArray(), weights, options, device);
    }
}
