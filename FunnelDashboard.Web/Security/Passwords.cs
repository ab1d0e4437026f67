using System.Security.Cryptography;
using FunnelDashboard.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace FunnelDashboard.Web.Security;

/// <summary>Why a password change was refused (named in the change page's address, so its text cannot be forged there).</summary>
public enum PasswordProblem { WrongCurrent, SameAsCurrent, TooShort, TooLong, SameAsName, Mismatch, AccountGone }

/// <summary>Password hashes (the framework's <see cref="PasswordHasher{TUser}"/>: PBKDF2 with a per-password salt), rules and generated passwords.</summary>
public sealed class Passwords
{
    const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/l/I: read aloud or typed from a screen
    const int GeneratedLength = 20;

    readonly PasswordHasher<AccountUser> hasher = new();

    public string Hash(string password) => hasher.HashPassword(null!, password);

    public PasswordVerificationResult Verify(AccountUser user, string password) => hasher.VerifyHashedPassword(user, user.PasswordHash, password);

    /// <summary>A random password of 20 characters (about 116 bits), for a first sign-in or a reset.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    const int MaxLength = 256;

    /// <summary>Why a new password is not acceptable, or null.</summary>
    public static PasswordProblem? Problem(string password, string userName, int minLength) =>
        password.Length < minLength ? PasswordProblem.TooShort
        : password.Length > MaxLength ? PasswordProblem.TooLong
        : string.Equals(password, userName, StringComparison.OrdinalIgnoreCase) ? PasswordProblem.SameAsName
        : null;

    public static string Describe(PasswordProblem problem, int minLength) => problem switch
    {
        PasswordProblem.WrongCurrent => "The current password is not right.",
        PasswordProblem.SameAsCurrent => "The new password must differ from the current one.",
        PasswordProblem.TooShort => $"The new password needs at least {minLength} characters.",
        PasswordProblem.TooLong => $"The new password may have at most {MaxLength} characters.",
        PasswordProblem.SameAsName => "The new password may not be the user name.",
        PasswordProblem.Mismatch => "The new password and its confirmation differ.",
        _ => "This account no longer exists or is disabled.",
    };
}
