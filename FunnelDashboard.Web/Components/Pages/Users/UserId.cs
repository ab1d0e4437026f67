using System.Globalization;

namespace FunnelDashboard.Web.Components.Pages.Users;

/// <summary>How a typed or linked user id is read: whole numbers only, with a message that says what is wrong.</summary>
static class UserId
{
    public static bool TryParse(string? text, out long id, out string? error)
    {
        text = text?.Trim();
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            (id, error) = (0, "Enter a user id, e.g. 42.");
            return false;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) || id < 1)
        {
            error = $"'{Shorten(text)}' is not a user id: ids are whole numbers from 1, e.g. 42.";
            return false;
        }
        return true;
    }

    public static string Unknown(long id) => $"There is no user {id.ToString(CultureInfo.InvariantCulture)} in the data.";

    static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
