using System.Text.Json;
using FunnelDashboard.Web.Api;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>A JSON request body: the value, or errors keyed by the offending field ("body" when it is not JSON at all).</summary>
public sealed record JsonBody<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, bool TooLarge) where T : class;

/// <summary>
/// Reads small JSON request bodies by hand rather than through parameter binding, so malformed JSON or a value of the
/// wrong type becomes a 400 naming the field, and an oversized body is refused after reading at most one byte too many.
/// </summary>
public static class JsonBody
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, int maxBytes) where T : class
    {
        if (request.ContentLength > maxBytes) return new(null, NoErrors, TooLarge: true);
        var buffer = new byte[maxBytes + 1];
        int length = 0, read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
            length += read;
        if (length > maxBytes) return new(null, NoErrors, TooLarge: true);
        if (length == 0) return new(null, Error("body", "A JSON body is required."), false);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length));
        }
        catch (JsonException e)
        {
            return new(null, Error("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."), false);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return new(null, Error("body", "The body must be a JSON object."), false);
            try
            {
                return new(document.Deserialize<T>(ApiJson.Options), NoErrors, false);
            }
            catch (JsonException e)
            {
                var field = FieldOf(e.Path);
                return new(null, Error(field, $"'{field}' has a value of the wrong type."), false);
            }
        }
    }

    /// <summary>The top-level property of a JSON path: "$.metrics[1]" gives "metrics".</summary>
    static string FieldOf(string? path) =>
        path is ['$', '.', .. var rest] && rest.Split('.', '[')[0] is { Length: > 0 } name ? name : "body";

    static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };
}
