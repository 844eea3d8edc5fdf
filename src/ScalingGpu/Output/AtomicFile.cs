namespace ScalingGpu.Output;

/// <summary>Writes a file so that readers see either the old file or the complete new one, never a partial one.</summary>
internal static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/> into a temporary file beside <paramref name="path"/>, then renames it into place.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        string temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await write(stream);
                await stream.FlushAsync();
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes text atomically (UTF-8, no BOM).</summary>
    public static Task WriteTextAsync(string path, string text) =>
        WriteAsync(path, s => s.WriteAsync(new System.Text.UTF8Encoding(false).GetBytes(text)).AsTask());
}
