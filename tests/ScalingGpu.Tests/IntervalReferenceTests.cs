using System.Text.Json.Nodes;
using ScalingGpu.Bootstrap;

namespace ScalingGpu.Tests;

/// <summary>
/// Percentile and BCa bounds against scipy 1.10.1's <c>stats.bootstrap</c> (data/bca_reference.json, copied from
/// ../shared/data): the same replicates, estimate and jackknife values must give scipy's bounds to 1e-9.
/// </summary>
public sealed class IntervalReferenceTests
{
    public static TheoryData<int, string, double> Cases()
    {
        var data = new TheoryData<int, string, double>();
        JsonArray cases = Reference()["cases"]!.AsArray();
        for (int c = 0; c < cases.Count; c++)
            foreach (JsonNode? interval in cases[c]!["intervals"]!.AsArray())
                data.Add(c, interval!["method"]!.GetValue<string>(), interval["level"]!.GetValue<double>());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bounds_EqualScipys(int index, string method, double level)
    {
        JsonNode c = Reference()["cases"]![index]!;
        double[] replicates = Numbers(c["replicates"]!), jackknife = Numbers(c["jackknife"]!);
        JsonNode expected = c["intervals"]!.AsArray().Single(i => i!["method"]!.GetValue<string>() == method && i["level"]!.GetValue<double>() == level)!;
        IntervalKind kind = method == "BCa" ? IntervalKind.Bca : IntervalKind.Percentile;
        IntervalBounds bounds = IntervalEstimator.Estimate(replicates, c["estimate"]!.GetValue<double>(), jackknife, level, kind);
        string what = $"{c["statistic"]} {method} {level}";
        AssertRel.Equal(expected["lo"]!.GetValue<double>(), bounds.Lo, 1e-9, what + " lo");
        AssertRel.Equal(expected["hi"]!.GetValue<double>(), bounds.Hi, 1e-9, what + " hi");
    }

    static JsonNode Reference() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "bca_reference.json")))!;

    static double[] Numbers(JsonNode array) => array.AsArray().Select(v => v!.GetValue<double>()).ToArray();
}
