using System.Runtime.InteropServices;

namespace FunnelDashboard.Web.Hosting;

/// <summary>
/// Every <see cref="Interval"/>, asks glibc to give back the free memory its malloc arenas hold. glibc keeps an arena's
/// peak until told otherwise, and SQLite allocates from whichever thread-pool thread runs a query, so on a server that
/// runs for weeks the resident set crept up with memory nothing used (bench live, 240 s, growth of the resident set
/// after a full collection: +91 to +108 MB without this, +26 to +38 MB with it, of which about 20 MB are the snapshot's
/// data and SQLite's bounded page caches).
/// Does nothing off Linux or on a C library without malloc_trim (musl).
/// </summary>
public sealed class MallocTrimmer(ILogger<MallocTrimmer> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!OperatingSystem.IsLinux()) return;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) MallocTrim(0);
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            logger.LogDebug("No malloc_trim in this C library: native memory is left to it");
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);
}
