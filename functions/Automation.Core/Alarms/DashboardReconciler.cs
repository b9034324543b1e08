using System.Text.Json;

using Automation.Core.Segments;

namespace Automation.Core.Alarms;

/// <summary>
/// The machine-readable line of a suite dashboard's first text widget:
/// <c>[ddb-automation] managed-by=&lt;stack&gt;; dashboard=&lt;segment&gt;</c>. Like the alarm marker, it is what makes a
/// dashboard the suite's: a dashboard with the name prefix but without this stack's marker is never deleted.
/// </summary>
/// <param name="ManagedBy">The stack that wrote the dashboard.</param>
/// <param name="Segment">The segment it shows.</param>
public sealed record DashboardMarker(string ManagedBy, string Segment)
{
    /// <summary>The marker line (inline code in the markdown, so the console shows it verbatim).</summary>
    public static string Format(string managedBy, string segment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(managedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        return $"`{AlarmMarker.Tag} managed-by={managedBy}; dashboard={segment}`";
    }

    /// <summary>
    /// The marker of a dashboard body (GetDashboard's <c>DashboardBody</c>): the first line, in any text widget, that
    /// starts with the tag (backticks ignored) and has both fields. False for a body that is not JSON, has no text
    /// widget, or no well-formed marker: such a dashboard is not the suite's.
    /// </summary>
    public static bool TryRead(string? body, out DashboardMarker? marker)
    {
        marker = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("widgets", out var widgets) || widgets.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var widget in widgets.EnumerateArray())
            {
                if (widget.ValueKind == JsonValueKind.Object
                    && widget.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "text"
                    && widget.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
                    && props.TryGetProperty("markdown", out var md) && md.ValueKind == JsonValueKind.String
                    && TryParseMarkdown(md.GetString()!, out marker))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private static bool TryParseMarkdown(string markdown, out DashboardMarker? marker)
    {
        marker = null;
        foreach (string raw in markdown.Split('\n'))
        {
            string line = raw.Trim().Trim('`').Trim();
            if (!line.StartsWith(AlarmMarker.Tag, StringComparison.Ordinal))
            {
                continue;
            }

            string? managedBy = null;
            string? segment = null;
            foreach (string part in line[AlarmMarker.Tag.Length..].Split(';'))
            {
                int eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                string key = part[..eq].Trim();
                string value = part[(eq + 1)..].Trim();
                if (key == "managed-by" && value.Length > 0)
                {
                    managedBy = value;
                }
                else if (key == "dashboard" && value.Length > 0)
                {
                    segment = value;
                }
            }

            if (managedBy is not null && segment is not null)
            {
                marker = new DashboardMarker(managedBy, segment);
                return true;
            }
        }

        return false;
    }
}

/// <summary>A dashboard under the prefix as reconcile found it: its name and its marker (null: none, or not JSON).</summary>
public sealed record ExistingDashboard(string DashboardName, DashboardMarker? Marker)
{
    /// <summary>From ListDashboards' name and GetDashboard's body.</summary>
    public static ExistingDashboard FromBody(string dashboardName, string? body) =>
        new(dashboardName, DashboardMarker.TryRead(body, out var marker) ? marker : null);
}

/// <summary>Which of the suite's dashboards no segment asks for any more (pure).</summary>
public static class DashboardReconciler
{
    /// <summary>
    /// The dashboards to delete: name under the dashboard prefix (<see cref="DashboardBuilder.Name"/> of an empty
    /// segment), this stack's marker, and not the dashboard of a segment of the catalog with alarms enabled. With a
    /// segment filter only the filter's segments' dashboards may go (a filtered run never deletes outside it). Every
    /// other dashboard (a team's own with the prefix, another stack's, one with a malformed or missing marker) stays.
    /// Sorted by name, no duplicates.
    /// </summary>
    public static IReadOnlyList<string> Deletes(SegmentCatalog catalog, IEnumerable<ExistingDashboard> existing, AlarmOwner owner, IReadOnlyList<string>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(owner);
        string prefix = DashboardBuilder.Name(owner.AlarmNamePrefix, string.Empty);
        var wanted = catalog.Segments
            .Where(s => s.Alarms is { Enabled: true } && s.Covers.KeyPrefix is null)
            .Select(s => DashboardBuilder.Name(owner.AlarmNamePrefix, s.Name))
            .ToHashSet(StringComparer.Ordinal);
        var deletes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ExistingDashboard d in existing)
        {
            if (d is null || string.IsNullOrEmpty(d.DashboardName)
                || !d.DashboardName.StartsWith(prefix, StringComparison.Ordinal)
                || d.Marker is not { } marker
                || !string.Equals(marker.ManagedBy, owner.ManagedBy, StringComparison.Ordinal)
                || wanted.Contains(d.DashboardName))
            {
                continue;
            }

            if (filter is not null && !filter.Contains(marker.Segment, StringComparer.Ordinal))
            {
                continue;
            }

            deletes.Add(d.DashboardName);
        }

        return [.. deletes];
    }
}
