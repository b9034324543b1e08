using System.IO.Compression;

namespace HostBench;

/// <summary>The size of an executable and of its deployment package: the zip of the folder it was published to
/// (what <c>sam build</c> copies into the function's artifact directory and uploads).</summary>
internal sealed record Package(long ExecutableBytes, int Files, long ZipBytes)
{
    public static Package Measure(string executable)
    {
        var folder = Path.GetDirectoryName(executable)!;
        var zip = Path.Combine(Path.GetTempPath(), $"hostbench-{Guid.NewGuid():N}.zip");
        try
        {
            ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
            return new Package(
                new FileInfo(executable).Length,
                Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length,
                new FileInfo(zip).Length);
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
