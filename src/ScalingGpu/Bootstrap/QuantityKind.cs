using ScalingGpu.Data;

namespace ScalingGpu.Bootstrap;

/// <summary>A reported quantity of a fit (DESIGN.md §4); <see cref="QuantityNames"/> holds its output name.</summary>
public enum QuantityKind
{
    /// <summary>Irreducible loss E (loss units).</summary>
    E,
    /// <summary>Parameter coefficient A.</summary>
    A,
    /// <summary>Data coefficient B.</summary>
    B,
    /// <summary>Parameter exponent α.</summary>
    Alpha,
    /// <summary>Data exponent β.</summary>
    Beta,
    /// <summary>a in N* ∝ C^a.</summary>
    NOptExponent,
    /// <summary>b in D* ∝ C^b.</summary>
    DOptExponent,
    /// <summary>G = (αA/(βB))^(1/(α+β)).</summary>
    G,
    /// <summary>Compute-optimal parameters N* at a budget.</summary>
    NOpt,
    /// <summary>Compute-optimal tokens D* at a budget.</summary>
    DOpt,
    /// <summary>Loss L* at (N*, D*) on the surface, at a budget.</summary>
    LOpt,
    /// <summary>D*/N* at a budget (tokens per parameter).</summary>
    DOverN,
}

/// <summary>
/// The one map between <see cref="QuantityKind"/> and the names every output writes (intervals.parquet, the JSON
/// <c>intervals</c>, the per-budget columns of resamples.parquet, sweep intervals): these names are an interface.
/// </summary>
public static class QuantityNames
{
    static readonly NameMap<QuantityKind> Names = new("E", "A", "B", "alpha", "beta", "n_opt_exponent", "d_opt_exponent", "G", "N_opt", "D_opt", "L_opt", "D_over_N");

    /// <summary>The quantities taken at a compute budget, in output order: N_opt, D_opt, L_opt, D_over_N.</summary>
    public static IReadOnlyList<QuantityKind> Allocations { get; } = [QuantityKind.NOpt, QuantityKind.DOpt, QuantityKind.LOpt, QuantityKind.DOverN];

    /// <summary>The output name: E, A, B, alpha, beta, n_opt_exponent, d_opt_exponent, G, N_opt, D_opt, L_opt or D_over_N.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string Name(this QuantityKind kind) => Names.Name(kind);

    /// <summary>True for the quantities taken at a compute budget (N_opt, D_opt, L_opt, D_over_N).</summary>
    public static bool AtBudget(this QuantityKind kind) => kind >= QuantityKind.NOpt;

    /// <summary>The quantity whose output name is exactly <paramref name="name"/>, or false: the one parser of quantity
    /// names read back from files, which rejects unknown names rather than fall back.</summary>
    public static bool TryParse(string? name, out QuantityKind kind) => Names.TryParse(name, out kind);

    /// <summary>The quantity called <paramref name="name"/>.</summary>
    /// <param name="where">Where the name was read (file and column), for the message.</param>
    /// <exception cref="InputDataException">The name is not a quantity.</exception>
    public static QuantityKind Parse(string? name, string where) => TryParse(name, out QuantityKind kind) ? kind
        : throw new InputDataException($"{where}: unknown quantity '{name}'; expected one of {string.Join(", ", Names.Names)}.");
}
