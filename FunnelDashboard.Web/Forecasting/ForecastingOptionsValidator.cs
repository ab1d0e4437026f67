using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>Checks the Forecasting section at start: each value's range (naming the setting) and that the network they make is valid.</summary>
public sealed class ForecastingOptionsValidator : IValidateOptions<ForecastingOptions>
{
    public ValidateOptionsResult Validate(string? name, ForecastingOptions options)
    {
        var failures = Problems(options, ForecastingOptions.Section)
            .Concat(Problems(options.RetrainSchedule, $"{ForecastingOptions.Section}:{nameof(ForecastingOptions.RetrainSchedule)}"))
            .ToList();
        if (failures.Count == 0)
        {
            try
            {
                options.ToForecastOptions().Validate();
            }
            catch (ArgumentException e)
            {
                failures.Add($"{ForecastingOptions.Section}: {e.Message}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static IEnumerable<string> Problems(object options, string section)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => $"{section}:{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}");
    }
}
