using System.Text.Json.Nodes;
using ScalingGpu.Bootstrap;

namespace ScalingGpu.Sweeps;

/// <summary>
/// The <c>bootstrap:</c> block of a sweep: every replicate of every design is bootstrapped with each method's full fit,
/// and intervals of each kind at each level are written under OUT/intervals/.
/// </summary>
/// <param name="Resamples">Resamples per replicate (≥ 2).</param>
/// <param name="Unit">Resampling unit; null = within-budget (simulated designs always have IsoFLOP budgets), as in <c>fit</c>.</param>
/// <param name="Levels">Two-sided confidence levels.</param>
/// <param name="Kinds">Interval constructions.</param>
internal sealed record SweepBootstrap(int Resamples, ResampleUnit? Unit, IReadOnlyList<double> Levels, IReadOnlyList<IntervalKind> Kinds)
{
    /// <summary>The unit actually used (simulated designs always have IsoFLOP curves).</summary>
    public ResampleUnit EffectiveUnit => Unit ?? ResampleUnit.WithinBudget;

    /// <summary>BCa needs a delete-one jackknife per replicate.</summary>
    public bool NeedsJackknife => Kinds.Contains(IntervalKind.Bca);

    /// <summary>Canonical JSON for the config hash.</summary>
    public JsonObject ToJson() => new()
    {
        ["resamples"] = Resamples,
        ["resample"] = EffectiveUnit.Name(),
        ["level"] = new JsonArray(Levels.Select(l => (JsonNode?)l).ToArray()),
        ["interval"] = new JsonArray(Kinds.Select(k => (JsonNode?)k.Name()).ToArray()),
    };
}
