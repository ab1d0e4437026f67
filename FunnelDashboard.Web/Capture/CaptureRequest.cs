using System.Buffers;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Web.Capture;

/// <summary>A parsed capture body: the batch, or every problem keyed by its field ("events[3].page"), or too large (413).</summary>
public sealed record CaptureRequest(CaptureBatch? Batch, IReadOnlyDictionary<string, string[]> Errors, string? TooLarge)
{
    public const string TypePageVisit = "page_visit", TypeInteraction = "interaction";
    const int MaxIdLength = 200;
    static readonly TimeSpan MaxFuture = TimeSpan.FromDays(1);
    static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>
    /// Reads the body, at most <see cref="CaptureOptions.MaxBodyBytes"/> of it, then parses it. The buffer is pooled:
    /// batches of a few hundred events are large objects, which would otherwise cost a full collection every few seconds.
    /// </summary>
    public static async Task<CaptureRequest> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        const int max = CaptureOptions.MaxBodyBytes;
        if (request.ContentLength > max) return BodyTooLarge;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 64 * 1024, max) + 1);
        try
        {
            // A rented buffer may be larger than asked for: never read more than one byte past the limit.
            int length = 0, room = Math.Min(buffer.Length, max + 1);
            while (true)
            {
                if (length == room)
                {
                    if (length > max) return BodyTooLarge;
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, max + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    room = Math.Min(buffer.Length, max + 1);
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, room - length), ct);
                if (read == 0) break;
                length += read;
            }
            // Parse copies what it keeps, so the buffer can go back to the pool.
            return length > max ? BodyTooLarge : Parse(buffer.AsMemory(0, length), DateTime.UtcNow);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static readonly CaptureRequest BodyTooLarge = new(null, NoErrors, $"The body is larger than {CaptureOptions.MaxBodyBytes / (1024 * 1024)} MB; send smaller batches.");

    /// <summary>Validates a whole body: any problem rejects the batch, and every problem is named.</summary>
    public static CaptureRequest Parse(ReadOnlyMemory<byte> body, DateTime now)
    {
        if (body.Length == 0) return Invalid("body", "A JSON body is required.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return Invalid("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Invalid("body", "The body must be a JSON object with batch_id and events.");
            var errors = new Dictionary<string, string[]>();
            var batchId = Id(root, "batch_id", "batch_id", errors);
            if (!root.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
                errors["events"] = ["'events' must be an array of events."];
            else if (list.GetArrayLength() > CaptureOptions.MaxEventsPerBatch)
                return new(null, NoErrors, $"The batch has {list.GetArrayLength():N0} events; at most {CaptureOptions.MaxEventsPerBatch:N0} are allowed.");
            else if (list.GetArrayLength() == 0)
                errors["events"] = ["'events' must hold at least one event."];

            var events = new List<CapturedEvent>(list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0);
            if (list.ValueKind == JsonValueKind.Array)
                foreach (var (index, element) in list.EnumerateArray().Index())
                    if (Event(element, $"events[{index}]", now, errors) is { } captured) events.Add(captured);
            return errors.Count > 0 ? new(null, errors, null) : new(new CaptureBatch(batchId!, events), NoErrors, null);
        }
    }

    static CapturedEvent? Event(JsonElement e, string at, DateTime now, Dictionary<string, string[]> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors[at] = ["An event must be a JSON object."];
            return null;
        }
        var before = errors.Count;
        var type = Text(e, "type", at, errors) switch
        {
            null => null,
            TypePageVisit => TypePageVisit,
            TypeInteraction => TypeInteraction,
            var other => Error<string>(errors, at, "type", $"'{other}' is not an event type; use '{TypePageVisit}' or '{TypeInteraction}'."),
        };
        var userId = Whole(e, "user_id", at, errors, 1, DatasetReader.MaxUserId, required: true);
        var session = Id(e, "session_id", at, errors);
        FunnelPage page = default;
        if (Text(e, "page", at, errors) is { } pageName && !Names.TryParsePage(pageName, out page))
            Error<string>(errors, at, "page", $"'{pageName}' is not a page; use {string.Join(", ", Names.AllPages.Select(Names.Of))}.");
        var timestamp = Time(e, at, now, errors);
        Device? device = null;
        if (Optional(e, "device", at, errors) is { } deviceName)
            device = Names.TryParseDevice(deviceName, out var d) ? d : Error<Device?>(errors, at, "device", $"'{deviceName}' is not a device; use Desktop or Mobile.");
        Sex? sex = null;
        if (Optional(e, "sex", at, errors) is { } sexName)
            sex = Names.TryParseSex(sexName, out var s) ? s : Error<Sex?>(errors, at, "sex", $"'{sexName}' is not a sex; use Male or Female.");

        var duration = 0;
        InteractionType? interaction = null;
        string element = "";
        long x = 0, y = 0;
        if (type == TypePageVisit)
            duration = Duration(e, at, errors);
        else if (type == TypeInteraction)
        {
            if (Text(e, "interaction_type", at, errors) is { } interactionName)
                interaction = Names.TryParseInteraction(interactionName, out var i) ? i
                    : Error<InteractionType?>(errors, at, "interaction_type", $"'{interactionName}' is not an interaction type; use {string.Join(", ", Enum.GetValues<InteractionType>().Select(Names.Of))}.");
            element = Optional(e, "element_id", at, errors) ?? "";
            if (element.Length > MaxIdLength) Error<string>(errors, at, "element_id", $"'element_id' has more than {MaxIdLength} characters.");
            x = Whole(e, "x", at, errors, 0, 100_000, required: false);
            y = Whole(e, "y", at, errors, 0, 100_000, required: false);
        }
        return errors.Count > before || type is null
            ? null
            : new CapturedEvent(userId, session!, page, timestamp, duration, interaction, element, (int)x, (int)y, device, sex);
    }

    static DateTime Time(JsonElement e, string at, DateTime now, Dictionary<string, string[]> errors)
    {
        if (Text(e, "timestamp", at, errors) is not { } text) return default;
        var value = e.GetProperty("timestamp");
        // A time without a zone would be read in the server's zone: refuse it rather than guess.
        if (!value.TryGetDateTime(out var local) || local.Kind == DateTimeKind.Unspecified || !value.TryGetDateTimeOffset(out var time))
            return Error<DateTime>(errors, at, "timestamp", $"'{text}' is not an ISO 8601 time with a zone, e.g. 2026-11-22T10:00:00Z.");
        var utc = time.UtcDateTime;
        if (utc < EventSnapshot.Epoch || utc > now + MaxFuture)
            return Error<DateTime>(errors, at, "timestamp", $"'{text}' is outside the times accepted: from {EventSnapshot.Epoch:yyyy-MM-dd} to one day from now.");
        return utc;
    }

    static int Duration(JsonElement e, string at, Dictionary<string, string[]> errors)
    {
        const double maxSeconds = 24 * 3600;
        if (!e.TryGetProperty("duration", out var value))
            return Error<int>(errors, at, "duration", "'duration' (seconds on the page) is required for a page_visit.");
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is >= 0 and <= maxSeconds
            ? (int)Math.Round(seconds)
            : Error<int>(errors, at, "duration", $"'duration' must be a number of seconds from 0 to {maxSeconds:F0}.");
    }

    static long Whole(JsonElement e, string name, string at, Dictionary<string, string[]> errors, long min, long max, bool required)
    {
        if (!e.TryGetProperty(name, out var value))
            return required ? Error<long>(errors, at, name, $"'{name}' is required.") : 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max
            ? number
            : Error<long>(errors, at, name, $"'{name}' must be a whole number from {min:N0} to {max:N0}.");
    }

    /// <summary>A required, non-empty id of at most <see cref="MaxIdLength"/> characters.</summary>
    static string? Id(JsonElement e, string name, string at, Dictionary<string, string[]> errors)
    {
        var text = Text(e, name, at, errors);
        if (text is null) return null;
        if (text.Trim().Length == 0 || text.Length > MaxIdLength)
            return Error<string>(errors, at, name, $"'{name}' must be a non-empty string of at most {MaxIdLength} characters.");
        return text;
    }

    static string? Text(JsonElement e, string name, string at, Dictionary<string, string[]> errors)
    {
        if (!e.TryGetProperty(name, out var value)) return Error<string>(errors, at, name, $"'{name}' is required.");
        return StringOf(value, name, at, errors);
    }

    static string? Optional(JsonElement e, string name, string at, Dictionary<string, string[]> errors)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return StringOf(value, name, at, errors);
    }

    static string? StringOf(JsonElement value, string name, string at, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind != JsonValueKind.String) return Error<string>(errors, at, name, $"'{name}' must be a string.");
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException) // an escaped lone surrogate, e.g. "\ud800": valid JSON, but not text
        {
            return Error<string>(errors, at, name, $"'{name}' is not valid Unicode text.");
        }
    }

    static T? Error<T>(Dictionary<string, string[]> errors, string at, string name, string message)
    {
        var key = at == name ? name : $"{at}.{name}";
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
        return default;
    }

    static CaptureRequest Invalid(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] }, null);
}
