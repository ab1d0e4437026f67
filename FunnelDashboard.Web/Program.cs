using FunnelDashboard.Web.Cli;
using FunnelDashboard.Web.Hosting;

if (!CommandLine.IsServe(args, out var hostArgs))
    return await CommandLine.RunOnConsoleAsync(args);

FunnelApp.Build(hostArgs).Run();
return 0;

public partial class Program;
