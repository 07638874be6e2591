using System.Text.Json.Serialization;
using JewelHub.Canonical.Pricing;
using JewelHub.Hub.Api.Auth;
using JewelHub.Hub.Api.Crm;
using JewelHub.Hub.Api.Elsa;
using JewelHub.Hub.Api.Events;
using JewelHub.Hub.Api.Finance;
using JewelHub.Hub.Api.Inventory;
using JewelHub.Hub.Api.Migrations;
using JewelHub.Hub.Api.Workflows;
using JewelHub.Hub.Importing;
using JewelHub.Hub.Studio;
using JewelHub.Hub.Webhooks;
using JewelHub.Storage;
using JewelHub.Stores.Crm;
using JewelHub.Stores.Events;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.Runtime;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Hosting;

/// <summary>Builds the hub: configuration, stores, API. Tests build the same app on a loopback port.</summary>
public static class HubApp
{
    public const string AdminPolicy = "admin";

    /// <summary>Builds the hub. <paramref name="configure"/> lets a test add configuration before services are bound.</summary>
    public static WebApplication Build(string[] args, Action<ConfigurationManager>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.AddHubTelemetry();
        if (builder.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") is { } bodyLimit)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = bodyLimit);
        }

        builder.Services.AddHubDefaults(builder.Configuration);
        builder.Services.AddHubStores();
        builder.Services.AddWorkflows(builder.Configuration);
        builder.Services.AddImporting(builder.Configuration);
        builder.Services.AddWebhooks();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseQueryTextCheck();
        app.UseAuthentication();
        app.UseAuthorization();
        var openApi = app.MapOpenApi("/openapi/{documentName}.json");
        if (!(builder.Configuration.GetSection(OpenApiOptions.Section).Get<OpenApiOptions>() ?? new OpenApiOptions()).Anonymous)
        {
            openApi.RequireAuthorization(AdminPolicy);
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        app.MapStudio();
        app.MapElsaApi();
        app.MapWebhookEndpoints();

        var api = app.MapGroup("/api").RequireAuthorization(AdminPolicy);
        api.MapEventEndpoints();
        api.MapAuthEndpoints();
        api.MapFinanceEndpoints();
        api.MapInventoryEndpoints();
        api.MapCustomerEndpoints();
        api.MapWorkflowEndpoints();
        api.MapMigrationEndpoints();
        api.MapDeadLetterEndpoints();
        return app;
    }

    /// <summary>Work done once before the hub listens: the database is migrated.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
    }

    private static void AddHubDefaults(this IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            options.SerializerOptions.Converters.Add(new TextConverter());
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi();

        services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.Section);
        services.AddSingleton<DefinitionListCache>();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHubAuthentication();
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole("admin"));

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider == DatabaseProvider.Postgres && configuration.GetConnectionString("Hub") is { Length: > 0 } postgres)
        {
            database.ConnectionString = postgres;
        }

        services.AddSingleton(database);
        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton(configuration.GetSection(TaxRules.Section).Get<TaxRules>() ?? new TaxRules());
        services.AddSingleton<LinePricer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    private static void AddHubStores(this IServiceCollection services)
    {
        services.AddSingleton<EventStore>();
        services.AddFinanceStores();
        services.AddInventory();
        services.AddOptions<CrmOptions>().BindConfiguration(CrmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CrmOptions>>().Value);
        services.AddSingleton<CrmStore>();
        services.AddSingleton<CustomerOperations>();
    }
}

