using System.Text.RegularExpressions;
using ScalingGpu.Bootstrap;

namespace ScalingGpu.Tests;

/// <summary>The core library's public surface is exactly the types the README's "Library API" section lists.</summary>
public sealed partial class PublicApiTests
{
    [GeneratedRegex(@"^- `(\w+)`:", RegexOptions.Multiline)]
    private static partial Regex ListedType();

    [Fact]
    public void PublicTypes_AreTheReadmeLibraryApi()
    {
        string readme = File.ReadAllText(Path.Combine(TestData.RepoRoot, "README.md"));
        int start = readme.IndexOf("### Library API", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '### Library API' section");
        int end = readme.IndexOf("\n## ", start, StringComparison.Ordinal);
        string[] listed = ListedType().Matches(readme[start..end]).Select(m => m.Groups[1].Value).ToArray();
        string[] exported = typeof(Fitter).Assembly.GetExportedTypes().Select(t => t.Name).ToArray();
        Assert.Equal(listed.Length, listed.Distinct().Count());
        Assert.Equal(exported.Order(), listed.Order());
    }
}
