using System.Globalization;
using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Simulation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ScalingGpu.Sweeps;

/// <summary>
/// Reads a sweep YAML file (schema in docs/configs.md). Every error is one line with file:line:column, what is wrong and
/// what is allowed: unknown or duplicate keys, wrong types, impossible values, empty lists.
/// </summary>
internal static class SweepConfigReader
{
    static readonly string[] RootKeys = ["name", "seed", "surfaces", "design", "replicates", "methods", "extrapolate_to", "bootstrap"];
    static readonly string[] BootstrapKeys = ["resamples", "resample", "level", "interval"];
    static readonly string[] DesignKeys = ["budgets", "points_per_budget", "width", "offset", "drift_to", "noise"];
    static readonly Dictionary<string, double> WidthNames = new(StringComparer.OrdinalIgnoreCase) { ["XS"] = 2, ["S"] = 4, ["L"] = 8, ["XL"] = 16 };

    /// <exception cref="InputDataException">The file is missing or invalid.</exception>
    public static SweepConfig Read(string path)
    {
        if (!File.Exists(path)) throw new InputDataException($"{path}: file not found; pass a sweep YAML file (see configs/quickstart.yaml).");
        return Parse(File.ReadAllText(path), path);
    }

    /// <exception cref="InputDataException">The text is invalid; messages start with <paramref name="source"/>:line:column.</exception>
    public static SweepConfig Parse(string yaml, string source)
    {
        var reader = new Reader(source);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) when (TabIndent(yaml, e.Start.Line, e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? int.MaxValue : 1) is { } tab)
        {
            // YamlDotNet reports a tab where the enclosing block started, often lines earlier: point at the tab itself.
            throw TabError(source, tab);
        }
        catch (YamlException e) { throw new InputDataException($"{source}:{e.Start.Line}:{e.Start.Column}: {Clean(e.Message)}; fix the YAML syntax."); }
        catch (InvalidOperationException)
        {
            // Some scanner errors (e.g. an unclosed bracket at the end of input, or a tab inside a flow list) carry no
            // position: report where parsing last succeeded, or the tab next to it.
            Mark mark = LastParsed(yaml);
            if (TabIndent(yaml, mark.Line, 1) is { } tab) throw TabError(source, tab);
            throw new InputDataException($"{source}:{mark.Line}:{mark.Column}: invalid YAML after this point (unclosed bracket or quote, or bad indentation); fix the YAML syntax.");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InputDataException($"{source}:1:1: a sweep config must be a mapping with keys {string.Join(", ", RootKeys)}.");
        if (stream.Documents.Count > 1)
        {
            // The second document starts at its '---' marker between the first one's end and its own first node, or
            // (after a '...' end marker) at that node.
            string[] lines = yaml.Split('\n');
            int end = (int)stream.Documents[0].RootNode.End.Line, start = (int)Math.Min(lines.Length, stream.Documents[1].RootNode.Start.Line);
            int marker = Enumerable.Range(Math.Max(0, end - 1), Math.Max(0, start - end + 1)).Where(i => lines[i].StartsWith("---")).Select(i => i + 1).DefaultIfEmpty(start).Last();
            throw new InputDataException($"{source}:{marker}:1: a second YAML document; a sweep config is one document, so put each sweep in its own file.");
        }
        return reader.Root(root);
    }

    static InputDataException TabError(string source, (int Line, int Column) tab) =>
        new($"{source}:{tab.Line}:{tab.Column}: a tab in the indentation; YAML indents with spaces only.");

    static Mark LastParsed(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        Mark mark = new(1, 1, 1);
        try { while (parser.MoveNext()) mark = parser.Current!.End; }
        catch (Exception e) when (e is YamlException or InvalidOperationException) { }
        return mark;
    }

    // The first tab among a line's leading whitespace on line `from` or the `after` lines below it (1-based line and
    // column), if any: for a tab error anywhere below, else only next to where the parser stopped (a flow list).
    static (int Line, int Column)? TabIndent(string yaml, long from, int after)
    {
        string[] lines = yaml.Split('\n');
        for (int i = (int)Math.Max(0, from - 1); i < lines.Length && i - (from - 1) <= after; i++)
        {
            int indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            int tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0) return (i + 1, tab + 1);
        }
        return null;
    }

    static string Clean(string message) => message.Split('\n')[0].Trim().TrimEnd('.');

    sealed class Reader(string source)
    {
        InputDataException Error(YamlNode node, string message) => new($"{source}:{node.Start.Line}:{node.Start.Column}: {message}");

        Dictionary<string, YamlNode> Keys(YamlMappingNode map, string[] allowed, string where)
        {
            var result = new Dictionary<string, YamlNode>();
            foreach (var (keyNode, value) in map.Children)
            {
                string key = Key(keyNode);
                if (!allowed.Contains(key))
                    throw Error(keyNode, $"unknown key '{key}' in {where}; allowed: {string.Join(", ", allowed)}.");
                result[key] = value;
            }
            return result;
        }

        string Key(YamlNode keyNode) =>
            keyNode is YamlScalarNode { Value: { } key } ? key : throw Error(keyNode, $"a key must be a plain name; got {Describe(keyNode)}.");

        public SweepConfig Root(YamlMappingNode root)
        {
            var keys = Keys(root, RootKeys, "the sweep");
            foreach (string required in new[] { "surfaces", "design", "methods" })
                if (!keys.ContainsKey(required)) throw Error(root, $"missing key '{required}'; a sweep needs surfaces, design and methods.");
            var design = keys["design"] as YamlMappingNode ?? throw Error(keys["design"], "'design' must be a mapping with keys " + string.Join(", ", DesignKeys) + ".");
            var d = Keys(design, DesignKeys, "design");
            if (!d.ContainsKey("budgets")) throw Error(design, "missing key 'budgets' in design; give a list of FLOPs or {geomspace: [LO, HI, K]}.");
            return new SweepConfig
            {
                Name = keys.TryGetValue("name", out var name) ? Text(name, "name") : "sweep",
                Seed = keys.TryGetValue("seed", out var seed) ? Seed(seed) : 0,
                Surfaces = Unique(List(keys["surfaces"], "surfaces"), Surface, s => s.Name.ToLowerInvariant(), "surfaces", "surface name"),
                BudgetSets = Budgets(d["budgets"]),
                PointsPerBudget = NumberList(d, "points_per_budget", 15, "an integer ≥ 3", v => v >= 3 && v == Math.Floor(v)).Select(v => (int)v).ToList(),
                Widths = Widths(d),
                Offsets = NumberList(d, "offset", 1, "a number > 0", v => v > 0),
                DriftTos = NumberList(d, "drift_to", 1, "a number > 0", v => v > 0),
                Noises = NumberList(d, "noise", 0, "a standard deviation ≥ 0", v => v >= 0),
                Replicates = keys.TryGetValue("replicates", out var reps) ? (int)Integer(reps, "replicates", 1, 10_000_000) : 1,
                Methods = Methods(keys["methods"]),
                ExtrapolateTo = keys.TryGetValue("extrapolate_to", out var ex)
                    ? Unique(List(ex, "extrapolate_to", allowScalar: true), n => Number(n, "extrapolate_to", "FLOPs > 0", v => v > 0), v => v, "extrapolate_to", "value")
                    : [1e24],
                Bootstrap = keys.TryGetValue("bootstrap", out var boot) ? Bootstrap(boot) : null,
            };
        }

        // Defaults as in `fit`: within-budget (simulated designs have IsoFLOP curves), level 0.95, percentile.
        SweepBootstrap Bootstrap(YamlNode node)
        {
            var map = node as YamlMappingNode ?? throw Error(node, $"'bootstrap' must be a mapping with keys {string.Join(", ", BootstrapKeys)}.");
            var k = Keys(map, BootstrapKeys, "bootstrap");
            if (!k.TryGetValue("resamples", out var resamples)) throw Error(map, "bootstrap needs 'resamples' (an integer ≥ 2, e.g. 200).");
            ResampleUnit? unit = k.TryGetValue("resample", out var u) ? Choice(u, "resample", BootstrapNames.Units) : null;
            var levels = k.TryGetValue("level", out var l)
                ? Unique(List(l, "level", allowScalar: true), n => Number(n, "level", "a confidence level between 0 and 1 (e.g. 0.95)", v => v > 0 && v < 1), v => v, "level", "value")
                : [0.95];
            var kinds = k.TryGetValue("interval", out var i)
                ? Unique(List(i, "interval", allowScalar: true), n => Choice(n, "interval", BootstrapNames.Intervals), v => v.Name(), "interval", "construction")
                : [IntervalKind.Percentile];
            return new SweepBootstrap((int)Integer(resamples, "resamples", 2, 1_000_000), unit, levels, kinds);
        }

        SurfaceSpec Surface(YamlNode node)
        {
            if (node is YamlScalarNode scalar)
            {
                string name = scalar.Value ?? "";
                return NamedSurfaces.All.TryGetValue(name, out var s) ? new SurfaceSpec(name.ToLowerInvariant(), s)
                    : throw Error(node, $"unknown surface '{name}'; use one of {string.Join(", ", NamedSurfaces.All.Keys)} or {{name: x, E: …, A: …, B: …, alpha: …, beta: …}}.");
            }
            if (node is not YamlMappingNode map) throw Error(node, "a surface is a name or a mapping {name, E, A, B, alpha, beta}.");
            var k = Keys(map, ["name", "E", "A", "B", "alpha", "beta"], "a surface");
            foreach (string p in new[] { "name", "E", "A", "B", "alpha", "beta" })
                if (!k.ContainsKey(p)) throw Error(map, $"surface needs '{p}' (keys: name, E, A, B, alpha, beta).");
            double Positive(string key) => Number(k[key], key, "a number > 0", v => v > 0);
            // E ≥ 0 keeps every true loss positive, which the simulated noise (redrawn below zero) relies on.
            return new SurfaceSpec(Text(k["name"], "name"),
                new LossSurface(Number(k["E"], "E", "a number ≥ 0", v => v >= 0), Positive("A"), Positive("B"), Positive("alpha"), Positive("beta")));
        }

        IReadOnlyList<double[]> Budgets(YamlNode node)
        {
            if (node is YamlMappingNode map)
            {
                var k = Keys(map, ["geomspace"], "budgets");
                if (!k.TryGetValue("geomspace", out var g)) throw Error(map, "budgets mapping needs 'geomspace: [LO, HI, K]'.");
                var parts = List(g, "geomspace");
                if (parts.Count != 3) throw Error(g, $"geomspace needs [LO, HI, K]; got {parts.Count} values.");
                double lo = Number(parts[0], "geomspace LO", "FLOPs > 0", v => v > 0), hi = Number(parts[1], "geomspace HI", "FLOPs > LO", v => v > lo);
                return Unique(List(parts[2], "geomspace K", allowScalar: true),
                              c => (int)Number(c, "geomspace K", "an integer ≥ 2", v => v >= 2 && v == Math.Floor(v)), k => k, "geomspace K", "count")
                    .Select(count => IsoFlopDesign.GeomSpace(lo, hi, count)).ToList();
            }
            var budgets = List(node, "budgets").Select(n => Number(n, "budgets", "FLOPs > 0", v => v > 0)).ToArray();
            if (budgets.Length < 2) throw Error(node, $"budgets needs at least 2 values; got {budgets.Length}.");
            if (budgets.Distinct().Count() != budgets.Length) throw Error(node, "budgets must be distinct.");
            return [budgets];
        }

        IReadOnlyList<double> Widths(Dictionary<string, YamlNode> d)
        {
            if (!d.TryGetValue("width", out var node)) return [8];
            if (node is YamlMappingNode map)
            {
                var k = Keys(map, ["factors"], "width");
                node = k.TryGetValue("factors", out var f) ? f : throw Error(map, "width mapping needs 'factors: [..]'.");
            }
            return Unique(List(node, "width", allowScalar: true), n =>
                n is YamlScalarNode { Value: { } v } && WidthNames.TryGetValue(v, out double w) ? w
                    : Number(n, "width", "XS, S, L, XL or a factor > 1", x => x > 1), w => w, "width", "factor");
        }

        IReadOnlyList<MethodSpec> Methods(YamlNode node)
        {
            var methods = new List<MethodSpec>();
            foreach (YamlNode item in List(node, "methods"))
            {
                string name;
                Dictionary<string, YamlNode> options = [];
                if (item is YamlScalarNode s) name = s.Value ?? "";
                else if (item is YamlMappingNode { Children.Count: 1 } m)
                {
                    name = Key(m.Children.First().Key);
                    var body = m.Children.First().Value;
                    if (body is YamlMappingNode bm)
                        options = Keys(bm, name switch
                        {
                            "vpnls" => ["label", "grid_step", "objective", "delta", "space", "alpha_range", "beta_range"],
                            "approach3" => ["label", "starts", "loss", "delta"],
                            _ => ["label"],
                        }, $"{name} options");
                    else if (body is not YamlScalarNode { Value: null or "" }) throw Error(body, $"options of {name} must be a mapping.");
                }
                else throw Error(item, "a method is a name (vpnls, approach2, approach3) or {name: {options}}.");
                methods.Add(Method(item, name, options));
            }
            if (methods.Select(m => m.Label).Distinct().Count() != methods.Count)
                throw Error(node, "method labels must be unique; give each variant its own 'label'.");
            return methods;
        }

        MethodSpec Method(YamlNode node, string name, Dictionary<string, YamlNode> o)
        {
            if (!FitNames.TryParseMethod(name, out FitMethod method))
                throw Error(node, $"unknown method '{name}'; use vpnls, approach2 or approach3.");
            string label = o.TryGetValue("label", out var l) ? Text(l, "label") : name;
            if (label.Any(ch => !(char.IsLetterOrDigit(ch) || ch is '_' or '-')))
                throw Error(l!, $"label '{label}' may hold only letters, digits, '_' and '-' (it names a directory).");
            var v = VarProOptions.Default with { GridStep = 0.005 };
            if (o.TryGetValue("grid_step", out var gs)) v = v with { GridStep = Number(gs, "grid_step", "a step > 0", x => x > 0 && x < 1) };
            if (o.TryGetValue("objective", out var ob)) v = v with { Objective = Choice(ob, "objective", FitNames.Objectives) };
            if (o.TryGetValue("space", out var sp)) v = v with { Space = Choice(sp, "space", FitNames.Spaces) };
            if (o.TryGetValue("alpha_range", out var ar)) (v, _) = (v with { AlphaLo = Range(ar, "alpha_range").Lo, AlphaHi = Range(ar, "alpha_range").Hi }, 0);
            if (o.TryGetValue("beta_range", out var br)) (v, _) = (v with { BetaLo = Range(br, "beta_range").Lo, BetaHi = Range(br, "beta_range").Hi }, 0);
            if (!v.GridFits)
                throw Error(gs ?? node, $"grid_step {v.GridStep.ToString("0.###e0", CultureInfo.InvariantCulture)} gives more than the 1e10 (α, β) cells, or the 1e6 values on one axis, a fit evaluates; use a larger step or narrow alpha_range/beta_range (refinement makes steps below 0.001 change nothing).");
            var a3 = Approach3Options.Default with { Starts = 16 };
            if (o.TryGetValue("starts", out var st)) a3 = a3 with { Starts = st is YamlScalarNode { Value: "all" } ? null : (int)Integer(st, "starts", 1, 4500) };
            if (o.TryGetValue("loss", out var lo)) a3 = a3 with { Loss = Choice(lo, "loss", FitNames.Objectives) };
            if (o.TryGetValue("delta", out var de))
            {
                double delta = Number(de, "delta", "a number > 0", x => x > 0);
                v = v with { Delta = delta };
                a3 = a3 with { Delta = delta };
            }
            return new MethodSpec(label, method, v, a3);
        }

        (double Lo, double Hi) Range(YamlNode node, string key)
        {
            var parts = List(node, key);
            if (parts.Count != 2) throw Error(node, $"{key} needs [LO, HI].");
            double lo = Number(parts[0], key, "a number > 0", x => x > 0);
            return (lo, Number(parts[1], key, "a number > LO", x => x > lo));
        }

        IReadOnlyList<double> NumberList(Dictionary<string, YamlNode> d, string key, double fallback, string expected, Func<double, bool> valid) =>
            d.TryGetValue(key, out var node) ? Unique(List(node, key, allowScalar: true), n => Number(n, key, expected, valid), v => v, key, "value") : [fallback];

        // Each list value is a dimension of the sweep's product: a repeated one would run (and summarise) the same jobs twice.
        List<T> Unique<T, K>(List<YamlNode> nodes, Func<YamlNode, T> read, Func<T, K> identity, string key, string what) where K : notnull
        {
            var seen = new HashSet<K>();
            var values = new List<T>();
            foreach (YamlNode node in nodes)
            {
                T value = read(node);
                if (!seen.Add(identity(value))) throw Error(node, string.Create(CultureInfo.InvariantCulture, $"{key} repeats the {what} '{identity(value)}'; give each once."));
                values.Add(value);
            }
            return values;
        }

        List<YamlNode> List(YamlNode node, string key, bool allowScalar = false)
        {
            if (node is YamlSequenceNode seq)
            {
                if (seq.Children.Count == 0) throw Error(node, $"{key} is an empty list; give at least one value.");
                return seq.Children.ToList();
            }
            if (allowScalar && node is YamlScalarNode) return [node];
            throw Error(node, $"{key} must be a list{(allowScalar ? " or a single value" : "")}.");
        }

        double Number(YamlNode node, string key, string expected, Func<double, bool> valid)
        {
            if (node is not YamlScalarNode { Value: { } text } || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw Error(node, $"{key} must be {expected}; got {Describe(node)}.");
            if (!double.IsFinite(v) || !valid(v)) throw Error(node, $"{key} must be {expected}; got {text}.");
            return v;
        }

        double Integer(YamlNode node, string key, long min, long max) =>
            Number(node, key, $"an integer from {min} to {max}", v => v == Math.Floor(v) && v >= min && v <= max);

        // Seeds span the generator's whole 64-bit key: integers are parsed exactly, not through double (whole numbers
        // written as decimals, 7.0 or 1e3, are exact up to 2^53).
        ulong Seed(YamlNode node) =>
            node is YamlScalarNode { Value: { } text } && SeedText.TryParse(text, out ulong seed) ? seed
                : throw Error(node, $"seed must be an integer from 0 to {ulong.MaxValue}; got {Describe(node)}.");

        string Text(YamlNode node, string key) =>
            node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Error(node, $"{key} must be a non-empty text value.");

        // The value named by a scalar, through the enum's one name map (the CLI's parser too).
        T Choice<T>(YamlNode node, string key, NameMap<T> names) where T : struct, Enum
        {
            string value = Text(node, key);
            return names.TryParse(value, out T choice) ? choice : throw Error(node, $"{names.Refusal(key, value)}.");
        }

        static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode s => $"'{s.Value}'",
            YamlSequenceNode => "a list",
            _ => "a mapping",
        };
    }
}
