using JewelHub.Hub.Hosting;

var app = HubApp.Build(args);
await HubApp.PrepareAsync(app, CancellationToken.None);
await app.RunAsync();
