using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Security;

/// <summary>
/// Creates the accounts, keys and audit tables after start, and the first admin when there are no users; an
/// unreachable store is retried (like the data's own initializer) without holding up the web server.
/// </summary>
public sealed class AccountsInitializer(
    AccountStore store, AuditLog audit, AccountService accounts, IOptions<SeedingOptions> seeding, ILogger<AccountsInitializer> logger) : BackgroundService
{
    readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the tables exist and the first admin is there.</summary>
    public Task Ready => ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await store.InitializeAsync(stoppingToken);
                await audit.InitializeAsync(stoppingToken);
                var (created, password) = await accounts.CreateFirstAdminAsync(stoppingToken);
                if (password is not null)
                    logger.LogWarning("First start: created the user '{User}' with the password {Password} (written only this once); it must be changed at the first sign-in on /login.",
                        AccountService.FirstAdminName, password);
                else if (created)
                    logger.LogWarning("First start: created the user '{User}' with the password from {Setting}; it must be changed at the first sign-in on /login.",
                        AccountService.FirstAdminName, $"{AuthOptions.Section}:InitialAdminPassword");
                ready.TrySetResult();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The accounts tables could not be prepared; trying again in {Delay}", seeding.Value.RetryDelay);
                await Task.Delay(seeding.Value.RetryDelay, stoppingToken);
            }
        }
    }
}
