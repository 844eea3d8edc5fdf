using System.Text.Json.Nodes;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Sweeps;

/// <summary>A reference surface of a sweep, by name or explicit parameters.</summary>
internal sealed record SurfaceSpec(string Name, LossSurface Surface);

/// <summary>One fitting method of a sweep with its options; <see cref="Label"/> names it in records and partitions.</summary>
internal sealed record MethodSpec(string Label, FitMethod Method, VarProOptions VarPro, Approach3Options Approach3);

/// <summary>
/// A validated sweep configuration (DESIGN.md §4): every design list is a dimension of the Cartesian product of jobs;
/// each job is simulated <see cref="Replicates"/> times and fitted by every method.
/// </summary>
internal sealed record SweepConfig
{
    public required string Name { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<SurfaceSpec> Surfaces { get; init; }
    /// <summary>Alternative budget sets (several when a geomspace count is a list).</summary>
    public required IReadOnlyList<double[]> BudgetSets { get; init; }
    public required IReadOnlyList<int> PointsPerBudget { get; init; }
    /// <summary>Width factors W (XS 2, S 4, L 8, XL 16).</summary>
    public required IReadOnlyList<double> Widths { get; init; }
    public required IReadOnlyList<double> Offsets { get; init; }
    public required IReadOnlyList<double> DriftTos { get; init; }
    public required IReadOnlyList<double> Noises { get; init; }
    public required int Replicates { get; init; }
    public required IReadOnlyList<MethodSpec> Methods { get; init; }
    public required IReadOnlyList<double> ExtrapolateTo { get; init; }
    /// <summary>The bootstrap block (null: no intervals).</summary>
    public SweepBootstrap? Bootstrap { get; init; }

    /// <summary>The configuration as canonical JSON (its SHA-256 guards --resume).</summary>
    public JsonObject ToJson()
    {
        JsonObject json = Core();
        if (Bootstrap is not null) json["bootstrap"] = Bootstrap.ToJson();   // absent when off, so older sweeps keep their hash
        return json;
    }

    JsonObject Core() => new()
    {
        ["name"] = Name,
        ["seed"] = Seed,
        ["surfaces"] = new JsonArray(Surfaces.Select(s => (JsonNode?)new JsonObject
        {
            ["name"] = s.Name, ["E"] = s.Surface.E, ["A"] = s.Surface.A, ["B"] = s.Surface.B, ["alpha"] = s.Surface.Alpha, ["beta"] = s.Surface.Beta,
        }).ToArray()),
        ["budget_sets"] = new JsonArray(BudgetSets.Select(b => (JsonNode?)new JsonArray(b.Select(v => (JsonNode?)v).ToArray())).ToArray()),
        ["points_per_budget"] = Numbers(PointsPerBudget.Select(p => (double)p)),
        ["width"] = Numbers(Widths),
        ["offset"] = Numbers(Offsets),
        ["drift_to"] = Numbers(DriftTos),
        ["noise"] = Numbers(Noises),
        ["replicates"] = Replicates,
        ["methods"] = new JsonArray(Methods.Select(m => (JsonNode?)new JsonObject
        {
            ["label"] = m.Label, ["method"] = m.Method.Name(),
            ["grid_step"] = m.VarPro.GridStep, ["objective"] = m.VarPro.Objective.Name(), ["delta"] = m.VarPro.Delta,
            ["space"] = m.VarPro.Space.Name(), ["alpha_range"] = Numbers([m.VarPro.AlphaLo, m.VarPro.AlphaHi]),
            ["beta_range"] = Numbers([m.VarPro.BetaLo, m.VarPro.BetaHi]),
            ["a3_loss"] = m.Approach3.Loss.Name(), ["a3_delta"] = m.Approach3.Delta, ["a3_starts"] = m.Approach3.Starts,
        }).ToArray()),
        ["extrapolate_to"] = Numbers(ExtrapolateTo),
    };

    static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
