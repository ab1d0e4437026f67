using System.Text.Json;
using FunnelDashboard.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>
/// A JSON request body: the value, or errors keyed by the offending field ("body" when it is not JSON at all), or a
/// refusal when the body itself could not be taken (413 too large, 408 too slow, 400 malformed framing).
/// </summary>
public sealed record JsonBody<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, ProblemHttpResult? Refusal = null) where T : class;

/// <summary>
/// Reads small JSON request bodies by hand rather than through parameter binding, so malformed JSON or a value of the
/// wrong type becomes a 400 naming the field, and an oversized body is refused after reading at most one byte too many.
/// A body the server cannot read (broken chunked framing, sent slower than Kestrel's minimum data rate) is the client's
/// fault: it gets the server's 400 or 408, not a 500 logged as an unhandled exception.
/// </summary>
public static class JsonBody
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, int maxBytes) where T : class
    {
        if (request.ContentLength > maxBytes) return TooLarge<T>(maxBytes);
        var buffer = new byte[maxBytes + 1];
        int length = 0, read;
        try
        {
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
                length += read;
        }
        catch (BadHttpRequestException e)
        {
            return new(null, NoErrors, TypedResults.Problem($"The request body could not be read: {e.Message}", statusCode: e.StatusCode));
        }
        if (length > maxBytes) return TooLarge<T>(maxBytes);
        if (length == 0) return new(null, Error("body", "A JSON body is required."));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length));
        }
        catch (JsonException e)
        {
            return new(null, Error("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return new(null, Error("body", "The body must be a JSON object."));
            try
            {
                return new(document.Deserialize<T>(ApiJson.Options), NoErrors);
            }
            catch (JsonException e)
            {
                var field = FieldOf(e.Path);
                return new(null, Error(field, $"'{field}' has a value of the wrong type."));
            }
        }
    }

    static JsonBody<T> TooLarge<T>(int maxBytes) where T : class =>
        new(null, NoErrors, TypedResults.Problem($"The request body is larger than {maxBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge));

    /// <summary>The top-level property of a JSON path: "$.metrics[1]" gives "metrics".</summary>
    static string FieldOf(string? path) =>
        path is ['$', '.', .. var rest] && rest.Split('.', '[')[0] is { Length: > 0 } name ? name : "body";

    static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };
}
