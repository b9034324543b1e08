using System.Globalization;

namespace HostBench;

/// <summary>Reads memory figures from <c>/proc/&lt;pid&gt;/status</c> (Linux).</summary>
internal static class ProcStatus
{
    /// <summary>A "kB" field such as VmHWM (peak resident set) or VmRSS.</summary>
    public static long ReadKilobytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var value = line[(field.Length + 1)..].Trim();
                return long.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no {field} line");
    }
}
