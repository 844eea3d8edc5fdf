namespace ScalingGpu.Output;

/// <summary>
/// The rule every output name (Parquet column, JSON key) follows: unique ignoring case, and never a reserved word of
/// DuckDB or Spark SQL, since both match names case-insensitively and a keyword needs quoting in every query.
/// </summary>
internal static class OutputNames
{
    /// <summary>DuckDB's reserved and type/function keywords (duckdb_keywords()) and Spark SQL's ANSI reserved words.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check", "collate",
        "column", "constraint", "create", "default", "deferrable", "desc", "describe", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "group", "having", "in", "initially", "intersect", "into", "lambda", "lateral",
        "leading", "limit", "not", "null", "offset", "on", "only", "or", "order", "pivot", "pivot_longer", "pivot_wider", "placing",
        "primary", "qualify", "references", "returning", "select", "show", "some", "summarize", "symmetric", "table", "then", "to",
        "trailing", "true", "union", "unique", "unpivot", "using", "variadic", "when", "where", "window", "with",
        "anti", "asof", "at", "authorization", "binary", "by", "collation", "columns", "concurrently", "cross", "freeze", "full",
        "generated", "glob", "ilike", "inner", "is", "isnull", "join", "left", "like", "map", "natural", "notnull", "outer",
        "overlaps", "positional", "right", "semi", "similar", "struct", "tablesample", "try_cast", "unpack", "verbose",
        "current_date", "current_time", "current_timestamp", "current_user", "escape", "filter", "grant", "intersect", "session_user",
        "time", "unknown", "user", "minus", "semi",
        "interval",   // Spark before 3.4 reads `select interval from t` as an interval literal (SPARK-42553)
    };

    /// <summary>Throws when <paramref name="name"/> is reserved or equals one of <paramref name="existing"/> ignoring case.</summary>
    /// <exception cref="ArgumentException">The name breaks the rule (a bug in a writer, never bad input).</exception>
    public static void Check(string name, IEnumerable<string> existing)
    {
        if (Reserved.Contains(name))
            throw new ArgumentException($"Output name '{name}' is an SQL keyword; choose another.", nameof(name));
        if (existing.Any(e => string.Equals(e, name, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"Output name '{name}' collides with another name ignoring case.", nameof(name));
    }
}
