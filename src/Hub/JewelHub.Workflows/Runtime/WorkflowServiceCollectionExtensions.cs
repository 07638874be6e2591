using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>Registers the workflow runtime: activities, definition and instance stores, engine and its loops (one per job).</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Adds the runtime with options from the "Workflows" section; activities are found in this assembly and <paramref name="activityAssemblies"/>.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, IConfiguration configuration, params System.Reflection.Assembly[] activityAssemblies)
    {
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>();
        services.AddHttpClient(nameof(Activities.Flow.SendHttpRequest));
        services.AddSingleton(new ActivityRegistry([typeof(WorkflowEngine).Assembly, .. activityAssemblies]));
        services.TryAddSingleton<Stores.Notifications.NotificationStore>();
        services.AddSingleton<DefinitionReader>();
        services.AddSingleton<DefinitionValidator>();
        services.AddSingleton<WorkflowDefinitionStore>();
        services.AddSingleton<WorkflowInstanceStore>();
        services.AddSingleton<BookmarkStore>();
        services.AddSingleton<EffectStore>();
        services.AddSingleton<WorkflowCursorStore>();
        services.AddSingleton<ActivityInvoker>();
        services.AddSingleton<StepExecutor>();
        services.AddSingleton<WorkflowEngine>();
        services.AddSingleton<RunWorkerPool>();
        services.AddHostedService<WorkflowDefinitionLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<RunWorkerPool>());
        AddLoop<WorkflowTriggerLoop>(services);
        AddLoop<DueTimerLoop>(services);
        AddLoop<PendingEventDeliveryLoop>(services);
        AddLoop<LeaseRecoveryLoop>(services);
        AddLoop<PendingEventPurgeLoop>(services);
        return services;
    }

    // A loop is also a singleton of its own type, so the host and anyone who resolves it share one instance.
    private static void AddLoop<TLoop>(IServiceCollection services)
        where TLoop : class, IHostedService
    {
        services.AddSingleton<TLoop>();
        services.AddHostedService(provider => provider.GetRequiredService<TLoop>());
    }
}
