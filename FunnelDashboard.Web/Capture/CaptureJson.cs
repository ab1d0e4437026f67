using System.Text.Json;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Web.Capture;

/// <summary>Writes a batch as the body POST /api/events reads (see <see cref="CaptureRequest"/>), for the simulator and benchmarks.</summary>
public static class CaptureJson
{
    public static byte[] Write(CaptureBatch batch)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
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
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
