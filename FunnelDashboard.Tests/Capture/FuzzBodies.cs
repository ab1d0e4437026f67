using System.Text;

namespace FunnelDashboard.Tests.Capture;

/// <summary>
/// Capture bodies for fuzzing, from a seed: well-formed batches, and batches broken in the ways clients break them —
/// malformed or truncated JSON, wrong types, huge or negative numbers, unknown pages and types, unicode (emoji, control
/// characters, lone surrogates, right-to-left marks), missing fields, not an object at all.
/// </summary>
public sealed class FuzzBodies(int seed)
{
    readonly Random random = new(seed);

    static readonly string[] BadValues =
    [
        "\"x\"", "123", "-1", "0", "1e400", "-1e400", "99999999999999999999999", "1.5", "null", "true", "[]", "{}", "\"\"",
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"🙂🚀\"", "\"\\u0000\"", "\"home\\u202e\"", "\"ｈｏｍｅ\"", "\"HOME \"",
        "\"2026-02-30T10:00:00Z\"", "\"1999-12-31T23:59:59Z\"", "\"9999-01-01T00:00:00Z\"", "\"" + new string('é', 300) + "\"", "\"NaN\"",
    ];

    /// <summary>A body, and whether it was left well-formed (then it must be accepted).</summary>
    public (byte[] Body, bool Valid) Next(string batchId)
    {
        switch (random.Next(12))
        {
            case 0: return (Encoding.UTF8.GetBytes(Truncate(Batch(batchId, out _))), false);
            case 1: return (Garbage(), false);
            default:
                var body = Batch(batchId, out var valid);
                return (Encoding.UTF8.GetBytes(body), valid);
        }
    }

    string Batch(string batchId, out bool valid)
    {
        valid = true;
        var events = new List<string>();
        for (int i = 0, count = random.Next(1, 6); i < count; i++)
        {
            var fields = Event(i);
            if (random.Next(4) == 0)
            {
                valid = false;
                var victim = random.Next(fields.Count);
                if (random.Next(3) == 0) fields.RemoveAt(victim);
                else fields[victim] = (fields[victim].Name, BadValues[random.Next(BadValues.Length)]);
            }
            events.Add("{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Value}")) + "}");
        }
        var list = "[" + string.Join(",", events) + "]";
        switch (random.Next(20))
        {
            case 0: valid = false; return $$"""{"events":{{list}}}""";
            case 1: valid = false; return $$"""{"batch_id":{{BadValues[random.Next(BadValues.Length)]}},"events":{{list}}}""";
            case 2: valid = false; return $$"""{"batch_id":"{{batchId}}","events":{{BadValues[random.Next(BadValues.Length)]}}}""";
            default: return $$"""{"batch_id":"{{batchId}}","events":{{list}},"client":"fuzz ✓"}""";
        }
    }

    List<(string Name, string Value)> Event(int index)
    {
        var user = random.NextInt64(1, 1_000_000);
        var at = new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc).AddSeconds(index * 30 + random.Next(30));
        List<(string, string)> fields =
        [
            ("user_id", $"{user}"), ("session_id", $"\"s{random.Next(1000)}-✓\""), ("timestamp", $"\"{at:yyyy-MM-ddTHH:mm:ssZ}\""),
        ];
        if (random.Next(2) == 0)
        {
            fields.Add(("type", "\"page_visit\""));
            fields.Add(("page", random.Next(2) == 0 ? "\"home\"" : "\"payment_confirmation_page\""));
            fields.Add(("duration", $"{random.Next(0, 600)}.{random.Next(10)}"));
        }
        else
        {
            fields.Add(("type", "\"interaction\""));
            fields.Add(("page", "\"search\""));
            fields.Add(("interaction_type", "\"form_fill\""));
            fields.Add(("element_id", "\"filtre_économique_🙂\""));
            fields.Add(("x", $"{random.Next(2000)}"));
            fields.Add(("y", $"{random.Next(2000)}"));
        }
        if (random.Next(3) == 0) fields.Add(("device", random.Next(2) == 0 ? "\"Mobile\"" : "\"desktop\""));
        return [.. fields.OrderBy(_ => random.Next())];
    }

    string Truncate(string body) => body[..random.Next(body.Length)];

    byte[] Garbage() => random.Next(4) switch
    {
        0 => Encoding.UTF8.GetBytes(new[] { "[]", "42", "\"events\"", "null", "{", "}", "{\"batch_id\":", "" }[random.Next(8)]),
        1 => [0xC3, 0x28, 0x7B, 0xFF, 0xFE],
        2 => Encoding.UTF8.GetBytes(new string('[', 5_000)),
        _ => Enumerable.Range(0, random.Next(1, 200)).Select(_ => (byte)random.Next(256)).ToArray(),
    };
}
