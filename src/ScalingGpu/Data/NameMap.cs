namespace ScalingGpu.Data;

/// <summary>
/// The one map between the values of an enum and the names a user types (CLI option values, YAML values) and the
/// outputs write. <see cref="TryParse"/> is the one parser of those names, shared by the CLI and the YAML: it takes
/// exactly the names (case-sensitive) and refuses anything else rather than fall back to a default.
/// </summary>
/// <typeparam name="T">An enum whose values are declared in order (Enum.GetValues order).</typeparam>
internal sealed class NameMap<T> where T : struct, Enum
{
    readonly T[] values = Enum.GetValues<T>();
    readonly string[] names;

    /// <param name="names">One distinct name per value, in enum order.</param>
    /// <exception cref="ArgumentException">Not exactly one distinct name per value.</exception>
    public NameMap(params string[] names)
    {
        if (names.Length != values.Length || names.Distinct().Count() != names.Length)
            throw new ArgumentException($"{typeof(T).Name} has {values.Length} values; {names.Length} names given ({string.Join(", ", names)}).", nameof(names));
        this.names = names;
    }

    /// <summary>Every name, in enum order.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>The name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a defined value.</exception>
    public string Name(T value)
    {
        int index = Array.IndexOf(values, value);
        return index >= 0 ? names[index] : throw new ArgumentOutOfRangeException(nameof(value), value, $"Unknown {typeof(T).Name}.");
    }

    /// <summary>The value called exactly <paramref name="name"/>, or false (null, empty and unknown names).</summary>
    public bool TryParse(string? name, out T value)
    {
        int index = name is null ? -1 : Array.IndexOf(names, name);
        value = index >= 0 ? values[index] : default;
        return index >= 0;
    }

    /// <summary>The one message for a refused name, without a final period: "{what} must be one of a, b, c; got 'x'".</summary>
    /// <param name="what">The option or key that was given the name (e.g. <c>--objective</c>, <c>objective</c>).</param>
    /// <param name="given">The refused text.</param>
    public string Refusal(string what, string? given) => $"{what} must be one of {string.Join(", ", names)}; got '{given}'";
}
