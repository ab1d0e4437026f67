using System.Globalization;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>
/// The parameters of the similar-users and clusters endpoints (and of the Segments page's URL): user_id, k, device.
/// One message per bad parameter, naming what is allowed, as the other endpoints do.
/// </summary>
public static class SimilarUsersQuery
{
    public const int DefaultK = 10;
    public const int MaxK = 100;

    public static bool TryUserId(string? text, Dictionary<string, string[]> errors, out long userId, string name = "user_id")
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out userId)) return true;
        errors[name] = [$"'{text}' is not a user id; give a whole number."];
        return false;
    }

    /// <summary>A whole number from min to max, or <paramref name="absent"/> when not given.</summary>
    public static int? Count(string? text, string name, int? absent, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return absent;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[name] = [$"'{text}' is not a valid {name}; give a whole number from {min} to {max}."];
        return absent;
    }

    public static Device? Device(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (Names.TryParseDevice(text, out var device)) return device;
        errors["device"] = [$"'{text}' is not a device; use {string.Join(" or ", Enum.GetNames<Device>())}."];
        return null;
    }
}
