using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Security;

/// <summary>Options validation that names every problem (each a sentence naming the setting), so a bad setting stops the start with the reason.</summary>
public sealed class OptionsProblems<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        problems(options).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
}
