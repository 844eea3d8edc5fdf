using System.Globalization;
using ScalingGpu.Models;

namespace ScalingGpu.Data;

/// <summary>Maps a file's columns to a validated <see cref="RunTable"/>: derivations, checks, and <c>--drop-top-loss</c>.</summary>
public static class RunTableReader
{
    /// <summary>Reads and validates a CSV or Parquet table of runs.</summary>
    /// <param name="path">CSV (comment lines start with '#') or Parquet file.</param>
    /// <param name="map">Column names.</param>
    /// <param name="dropTopLoss">Number of highest-loss rows to remove (ties: earlier rows first).</param>
    /// <exception cref="InputDataException">Any problem with the file, naming the file, row and column.</exception>
    public static RunTable Read(string path, ColumnMap map, int dropTopLoss = 0) => Build(RawTable.Read(path), map, dropTopLoss);

    /// <summary>Validates an already-read table.</summary>
    /// <exception cref="InputDataException">Any problem with the table, naming the row and column.</exception>
    internal static RunTable Build(RawTable raw, ColumnMap map, int dropTopLoss = 0)
    {
        if (dropTopLoss < 0)
            throw new InputDataException($"--drop-top-loss must be ≥ 0; got {dropTopLoss}.");
        string[] rows = raw.RowLabels.ToArray();
        string o = map.OptionPrefix;
        CheckDistinctRoles(raw, ($"{o}params", map.Params), ($"{o}tokens", map.Tokens), ($"{o}compute", map.Compute), ($"{o}loss", map.Loss));
        double[]? n = Column(raw, map.Params), d = Column(raw, map.Tokens), c = Column(raw, map.Compute);
        double[] loss = Column(raw, map.Loss) ?? throw Missing(raw, map.Loss, $"{o}loss");
        double[]? budget = null;
        if (map.Budget is not null) budget = Column(raw, map.Budget) ?? throw Missing(raw, map.Budget, $"{o}budget");

        if (n is null && d is null)
            throw Missing(raw, $"{map.Params}' or '{map.Tokens}", $"{o}params / {o}tokens");
        if (n is null) n = Derive(raw, rows, map.Params, $"{o}params", c, d!, map.Compute);
        if (d is null) d = Derive(raw, rows, map.Tokens, $"{o}tokens", c, n, map.Compute);
        CheckPositive(raw.Source, rows, (map.Params, n), (map.Tokens, d), (map.Loss, loss));
        if (c is null) c = DerivedCompute(raw.Source, rows, n, d, map.Params, map.Tokens);
        else CheckPositive(raw.Source, rows, (map.Compute, c));
        if (budget is not null) CheckPositive(raw.Source, rows, (map.Budget!, budget));

        bool[] keep = Enumerable.Repeat(true, loss.Length).ToArray();
        var dropped = new List<DroppedRun>();
        foreach (int r in Enumerable.Range(0, loss.Length).OrderByDescending(r => loss[r]).ThenBy(r => r).Take(dropTopLoss))
        {
            keep[r] = false;
            dropped.Add(new DroppedRun(rows[r], n[r], d[r], c[r], loss[r], budget?[r] ?? ComputeModel.RoundToBudget(c[r])));
        }
        int used = keep.Count(k => k);
        if (used < RunTable.MinPoints)
            throw new InputDataException($"{raw.Source}: a surface fit needs at least {RunTable.MinPoints} runs; {used} remain" +
                                         (dropTopLoss > 0 ? $" after --drop-top-loss {dropTopLoss}." : "."));
        T[] Kept<T>(T[] values) => values.Where((_, i) => keep[i]).ToArray();
        double[] cKept = Kept(c);
        return new RunTable(raw.Source, Kept(n), Kept(d), cKept, Kept(loss), budget is null ? cKept.Select(ComputeModel.RoundToBudget).ToArray() : Kept(budget), Kept(rows))
        {
            BudgetFromColumn = budget is not null, Dropped = dropped,
        };
    }

    // N, D, C and loss are four quantities: one column cannot be two of them (the budget label may be the compute column).
    static void CheckDistinctRoles(RawTable raw, params (string Option, string Name)[] roles)
    {
        var owner = new Dictionary<int, string>();
        foreach (var (option, name) in roles)
        {
            int index = raw.Find(name);
            if (index < 0) continue;
            if (owner.TryGetValue(index, out string? first))
                throw new InputDataException($"{raw.Source}: {first} and {option} both name column '{raw.Columns[index]}'; each of N, D, C and loss needs its own column (leave out the one to derive).");
            owner[index] = option;
        }
    }

    /// <summary>Throws naming the first row whose value is not finite and positive.</summary>
    internal static void CheckPositive(string source, string[] rows, params (string Name, double[] Values)[] columns)
    {
        foreach (var (name, values) in columns)
            for (int r = 0; r < values.Length; r++)
                if (!(values[r] > 0) || !double.IsFinite(values[r]))    // !(x > 0) also rejects NaN
                    throw new InputDataException($"{source} {rows[r]}, column '{name}': value must be finite and > 0, got {Format(values[r])}; fix or remove the row.");
    }

    static double[] Derive(RawTable raw, string[] rows, string name, string option, double[]? compute, double[] other, string computeName)
    {
        if (compute is null)
            throw Missing(raw, name, option, $" (it can be derived from '{computeName}' via C = 6·N·D, which is missing too)");
        CheckPositive(raw.Source, rows, (computeName, compute));
        return compute.Zip(other, ComputeModel.OtherFactor).ToArray();
    }

    /// <summary>C = 6·N·D per row, naming the first row where it overflows (N and D in the wrong units).</summary>
    internal static double[] DerivedCompute(string source, string[] rows, double[] n, double[] d, string nName, string dName)
    {
        double[] c = n.Zip(d, ComputeModel.Flops).ToArray();
        int r = Array.FindIndex(c, v => !double.IsFinite(v));
        if (r >= 0)
            throw new InputDataException($"{source} {rows[r]}: C = 6·N·D overflows (N {Format(n[r])}, D {Format(d[r])}); check the units of '{nName}' and '{dName}'.");
        return c;
    }

    internal static double[]? Column(RawTable raw, string name)
    {
        int index = raw.Find(name);
        if (index < 0) return null;
        object?[] cells = raw.Cells[index];
        var values = new double[cells.Length];
        for (int r = 0; r < cells.Length; r++)
            values[r] = cells[r] switch
            {
                double v => v,
                float v => v,
                int v => v,
                long v => v,
                decimal v => (double)v,
                string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) => v,
                string s => throw new InputDataException(
                    $"{raw.Source} {raw.RowLabels[r]}, column '{raw.Columns[index]}': '{s}' is not a number; fix or remove the row."),
                null => throw new InputDataException(
                    $"{raw.Source} {raw.RowLabels[r]}, column '{raw.Columns[index]}': empty value; fill it in or remove the row."),
                UnreadableValue u => throw new InputDataException(
                    $"{raw.Source}, column '{raw.Columns[index]}': {u.Type} values are not numbers; choose a numeric column."),
                var other => throw new InputDataException(
                    $"{raw.Source}, column '{raw.Columns[index]}': values of type {other.GetType().Name} are not numbers; choose a numeric column."),
            };
        return values;
    }

    static InputDataException Missing(RawTable raw, string name, string option, string extra = "") =>
        new($"{raw.Source}: no column '{name}'{extra}; the file has columns: {string.Join(", ", raw.Columns)}. Name the right one with {option}.");

    static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
