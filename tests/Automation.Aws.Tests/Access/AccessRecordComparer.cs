using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Automation.Core;
using Automation.Core.Access;

namespace Automation.Aws.Tests.Access;

/// <summary>Records (and requests) are equal when every field is, lists element by element: their JSON is the same.</summary>
internal sealed class AccessRecordComparer : IEqualityComparer<AccessRecord?>
{
    public static readonly AccessRecordComparer Instance = new();

    public static readonly IEqualityComparer<AccessRequest?> RequestComparer = new JsonComparer<AccessRequest>(r => JsonSerializer.Serialize(r, CoreJsonContext.Default.AccessRequest));

    public bool Equals(AccessRecord? x, AccessRecord? y) => Json(x) == Json(y);

    public int GetHashCode([DisallowNull] AccessRecord? obj) => StringComparer.Ordinal.GetHashCode(Json(obj));

    private static string Json(AccessRecord? record) => record is null ? "null" : JsonSerializer.Serialize(record, CoreJsonContext.Default.AccessRecord);

    private sealed class JsonComparer<T>(Func<T, string> json) : IEqualityComparer<T?>
        where T : class
    {
        public bool Equals(T? x, T? y) => (x is null ? "null" : json(x)) == (y is null ? "null" : json(y));

        public int GetHashCode([DisallowNull] T? obj) => StringComparer.Ordinal.GetHashCode(json(obj));
    }
}
