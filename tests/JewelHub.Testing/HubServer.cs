using System.Net.Http.Headers;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JewelHub.Testing;

/// <summary>
/// The real hub, listening on a free loopback port, over a fresh database. Tests talk to it with real HTTP.
/// </summary>
public sealed class HubServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";

    private HubServer(WebApplication app, TestDatabase database, Uri address)
    {
        App = app;
        Database = database;
        Address = address;
        Client = CreateClient();
    }

    public WebApplication App { get; }

    public TestDatabase Database { get; }

    public Uri Address { get; }

    /// <summary>A client that sends the admin API key.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Starts a hub on a new database of the given provider.</summary>
    public static async Task<HubServer> StartAsync(
        DatabaseProvider provider,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateEmptyAsync(provider, cancellationToken);
        return await StartAsync(database, cancellationToken, settings);
    }

    /// <summary>Starts a hub on an existing database (for restart tests).</summary>
    public static async Task<HubServer> StartAsync(
        TestDatabase database,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = HubApp.Build(["--environment", "Testing"], configuration =>
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Auth:BootstrapAdminKey"] = AdminKey,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            configuration.AddInMemoryCollection(database.HubSettings);
            if (settings is not null)
            {
                configuration.AddInMemoryCollection(settings);
            }
        });
        await HubApp.PrepareAsync(app, cancellationToken);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new HubServer(app, database, new Uri(address));
    }

    /// <summary>A client without credentials, or with the given Authorization header.</summary>
    public HttpClient CreateClient(AuthenticationHeaderValue? authorization = null, bool withAdminKey = true)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Authorization = authorization;
        }
        else if (withAdminKey)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        }

        return client;
    }

    /// <summary>Stops the hub but keeps its database, for restart tests.</summary>
    public async Task StopAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Database.DisposeAsync();
    }
}
