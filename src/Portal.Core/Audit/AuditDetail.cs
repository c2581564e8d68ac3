using System.Text.Encodings.Web;
using System.Text.Json;

namespace Portal.Core.Audit;

/// <summary>The before and after of an administrative change as an audit line's detail: compact JSON, Vietnamese kept readable.</summary>
public static class AuditDetail
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Change(object? before, object? after) =>
        JsonSerializer.Serialize(new { before, after }, Options);
}
