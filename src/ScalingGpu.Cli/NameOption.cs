using System.CommandLine;
using ScalingGpu.Data;

namespace ScalingGpu.Cli;

/// <summary>
/// An option whose value is one of an enum's names, read through the enum's one <see cref="NameMap{T}"/> (the YAML's
/// parser too): help lists the names, anything else is a parse error that names the option and the accepted names
/// (exit 2), and <see cref="Value"/> converts. The value travels as text so that help shows the default by its name.
/// </summary>
internal sealed class NameOption<T> : Option<string> where T : struct, Enum
{
    readonly NameMap<T> names;

    /// <param name="name">The option, e.g. <c>--objective</c>.</param>
    /// <param name="description">Help text.</param>
    /// <param name="names">The enum's name map.</param>
    /// <param name="fallback">The value when the option is absent; null leaves it unset (<see cref="ValueOrNull"/>).</param>
    public NameOption(string name, string description, NameMap<T> names, T? fallback = null) : base(name)
    {
        this.names = names;
        Description = description;
        if (fallback is { } value) DefaultValueFactory = _ => names.Name(value);
        CompletionSources.Add([.. names.Names]);
        Validators.Add(result =>
        {
            if (result.Implicit) return;
            string? text = result.GetValueOrDefault<string?>();
            if (!names.TryParse(text, out _)) result.AddError(names.Refusal(name, text));
        });
    }

    /// <summary>The value given, else the fallback.</summary>
    /// <exception cref="InvalidOperationException">Neither (an option made without a fallback).</exception>
    public T Value(ParseResult parse) => ValueOrNull(parse) ?? throw new InvalidOperationException($"{Name} has no value and no fallback.");

    /// <summary>The value given, else the fallback, else null.</summary>
    public T? ValueOrNull(ParseResult parse) => names.TryParse(parse.GetValue(this), out T value) ? value : null;
}
