using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>
/// Queues the forecast retraining job by itself as <see cref="RetrainScheduleOptions"/> says: every day at a time
/// (UTC), and/or when the data has reached some days past the newest trained version. It looks every
/// <see cref="RetrainScheduleOptions.CheckEvery"/> (and at the daily time), and never queues while one is pending.
/// </summary>
public sealed class RetrainScheduler(
    Retraining retraining,
    ForecastService forecasts,
    IFunnelAnalytics analytics,
    IOptions<ForecastingOptions> options,
    TimeProvider time,
    ILogger<RetrainScheduler> logger) : BackgroundService
{
    public const string Actor = "schedule";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.RetrainSchedule;
        if (!schedule.IsOn) return;
        var nextDaily = schedule.DailyAt is { } at ? NextOccurrence(time.GetUtcNow(), at) : (DateTimeOffset?)null;
        logger.LogInformation("Forecast retraining is scheduled: {Daily}{NewDays}",
            nextDaily is { } first ? $"daily at {schedule.DailyAt:HH:mm} UTC (next {first:yyyy-MM-dd HH:mm}) " : "",
            schedule.AfterNewDays is { } n ? $"after {n} new days of data" : "");
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (nextDaily is { } due && now >= due)
                {
                    await QueueAsync($"the daily retraining at {schedule.DailyAt:HH:mm} UTC");
                    nextDaily = NextOccurrence(now, schedule.DailyAt!.Value);
                }
                if (schedule.AfterNewDays is { } required && NewDays() is { } days && days >= required)
                    await QueueAsync($"{days} new days of data (Forecasting:RetrainSchedule:AfterNewDays = {required})");
                var wait = schedule.CheckEvery;
                if (nextDaily is { } next && next - now < wait) wait = next - now;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    /// <summary>The first moment at <paramref name="at"/> (UTC) after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextOccurrence(DateTimeOffset now, TimeOnly at)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(at), TimeSpan.Zero);
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Days of data past the newest trained version of the total (activated or not); null before any.</summary>
    int? NewDays()
    {
        if (analytics.Current.DataRange is not { } range) return null;
        var newest = forecasts.Registry.List(VisitSeries.Total).LastOrDefault();
        return newest is null ? null : range.To.DayNumber - newest.DataEnd.DayNumber;
    }

    async Task QueueAsync(string reason)
    {
        if (await retraining.EnqueueUnlessPendingAsync(ForecastModelTrainer.Name, Actor) is { } job)
            logger.LogInformation("Queued forecast retraining job {Id}: {Reason}", job.Record.Id, reason);
    }
}
