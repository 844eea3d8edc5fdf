using System.Text.Json.Nodes;
using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;

namespace ScalingGpu.Output;

/// <summary>The effective configuration of a fit as JSON, for manifest.json (and its hash).</summary>
internal static class FitConfig
{
    /// <summary>Every option of <paramref name="request"/> that changes the numbers, with defaults filled in, and how the runs were read.</summary>
    public static JsonObject Describe(FitRequest request, ColumnMap columns, int dropTopLoss)
    {
        FitOptions options = request.Options;
        BootstrapOptions? bootstrap = request.Bootstrap;
        DclRequest? dcl = request.Dcl;
        VarProOptions v = options.VarPro;
        Approach3Options a3 = options.Approach3;
        return new JsonObject
        {
            ["columns"] = Columns(columns),
            ["drop_top_loss"] = dropTopLoss,
            ["methods"] = new JsonArray(options.Methods.Select(m => (JsonNode?)m.Name()).ToArray()),
            ["vpnls"] = new JsonObject
            {
                ["objective"] = v.Objective.Name(), ["delta"] = v.Delta, ["space"] = v.Space.Name(),
                ["alpha_range"] = new JsonArray(v.AlphaLo, v.AlphaHi), ["beta_range"] = new JsonArray(v.BetaLo, v.BetaHi),
                ["grid_step"] = v.GridStep, ["refine"] = v.Refine,
            },
            ["approach3"] = new JsonObject { ["loss"] = a3.Loss.Name(), ["delta"] = a3.Delta, ["starts"] = a3.Starts },
            ["target_compute"] = new JsonArray(options.TargetCompute.Select(c => (JsonNode?)c).ToArray()),
            ["bootstrap"] = bootstrap is null ? null : new JsonObject
            {
                ["resamples"] = bootstrap.Resamples, ["resample"] = bootstrap.UnitFor(request.Runs).Name(), ["ci"] = bootstrap.Level,
                ["interval"] = bootstrap.Interval.Name(), ["seed"] = bootstrap.Seed, ["approach3_starts"] = bootstrap.Approach3Starts,
            },
            ["dcl"] = dcl is null ? null : new JsonObject
            {
                ["plan"] = dcl.Plan.Name(), ["reference"] = dcl.Reference.Name(), ["price_per_gpu_hour"] = dcl.Pricing.PricePerGpuHour,
                ["peak_flops"] = dcl.Pricing.PeakFlops, ["mfu"] = dcl.Pricing.Mfu,
            },
        };
    }

    /// <summary>The column names a table was read with.</summary>
    public static JsonObject Columns(ColumnMap columns) =>
        new() { ["params"] = columns.Params, ["tokens"] = columns.Tokens, ["compute"] = columns.Compute, ["loss"] = columns.Loss, ["budget"] = columns.Budget };
}
