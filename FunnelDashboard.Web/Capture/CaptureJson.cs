using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Web.Capture;

/// <summary>Writes a batch as the body POST /api/events reads (see <see cref="CaptureRequest"/>), for the simulator and benchmarks.</summary>
public static class CaptureJson
{
    /// <summary>Written to the stream as it goes, a few kilobytes at a time, so a large batch needs no large buffer.</summary>
    public static HttpContent Content(CaptureBatch batch) => new StreamedBatch(batch);

    public static byte[] Write(CaptureBatch batch)
    {
        using var buffer = new MemoryStream();
        WriteAsync(buffer, batch).GetAwaiter().GetResult(); // a memory stream completes synchronously
        return buffer.ToArray();
    }

    const int FlushAtBytes = 16 * 1024;

    static async Task WriteAsync(Stream stream, CaptureBatch batch)
    {
        await using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("batch_id", batch.BatchId);
            json.WriteStartArray("events");
            foreach (var e in batch.Events)
            {
                json.WriteStartObject();
                json.WriteString("type", e.IsPageVisit ? CaptureRequest.TypePageVisit : CaptureRequest.TypeInteraction);
                json.WriteNumber("user_id", e.UserId);
                json.WriteString("session_id", e.SessionKey);
                json.WriteString("page", Names.Of(e.Page));
                json.WriteString("timestamp", e.Timestamp);
                if (e.Interaction is { } type)
                {
                    json.WriteString("interaction_type", Names.Of(type));
                    json.WriteString("element_id", e.ElementId);
                    json.WriteNumber("x", e.X);
                    json.WriteNumber("y", e.Y);
                }
                else json.WriteNumber("duration", e.DurationSeconds);
                if (e.Device is { } device) json.WriteString("device", Names.Of(device));
                if (e.Sex is { } sex) json.WriteString("sex", Names.Of(sex));
                json.WriteEndObject();
                if (json.BytesPending > FlushAtBytes) await json.FlushAsync();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    sealed class StreamedBatch : HttpContent
    {
        readonly CaptureBatch batch;

        public StreamedBatch(CaptureBatch batch)
        {
            this.batch = batch;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => WriteAsync(stream, batch);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
