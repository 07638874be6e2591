using JewelHub.Hub.Cli;
using JewelHub.Hub.Hosting;

if (HubCli.Handles(args))
{
    return await HubCli.RunAsync(args);
}

var app = HubApp.Build(args);
await HubApp.PrepareAsync(app, CancellationToken.None);
await app.RunAsync();
return 0;
