using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace JewelHub.Workflows.ActivityModel;

/// <summary>
/// Every activity type the hub can run, found by the <see cref="ActivityAttribute"/> on its class, with the descriptor
/// generated from it. Creates activities per execution through DI.
/// </summary>
public sealed class ActivityRegistry
{
    /// <summary>The type name of the flowchart container at the root of every definition.</summary>
    public const string FlowchartType = "Elsa.Flowchart";

    private readonly Dictionary<string, ActivityDescriptor> _byType;

    /// <summary>Registers the activity classes of the given assemblies.</summary>
    public ActivityRegistry(IEnumerable<Assembly> assemblies)
    {
        var descriptors = assemblies.Distinct()
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IActivity).IsAssignableFrom(type))
            .Where(type => type.GetCustomAttribute<ActivityAttribute>() is not null)
            .Select(ActivityDescriptorFactory.Describe)
            .Append(Flowchart());
        _byType = descriptors.ToDictionary(descriptor => descriptor.TypeName, StringComparer.Ordinal);
    }

    /// <summary>Every descriptor, ordered by category and name.</summary>
    public IReadOnlyList<ActivityDescriptor> Descriptors =>
        [.. _byType.Values.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)];

    /// <summary>The descriptor of a JSON type, or null when no such activity exists.</summary>
    public ActivityDescriptor? Find(string typeName) => _byType.GetValueOrDefault(typeName);

    /// <summary>Creates an activity with its constructor dependencies from <paramref name="services"/>.</summary>
    public static IActivity Create(ActivityDescriptor descriptor, IServiceProvider services) =>
        (IActivity)ActivatorUtilities.CreateInstance(services, descriptor.ClrType
            ?? throw new InvalidOperationException($"{descriptor.TypeName} is run by the engine, not created."));

    private static ActivityDescriptor Flowchart() => new()
    {
        TypeName = FlowchartType,
        Namespace = "Elsa",
        Name = "Flowchart",
        Category = "Flow",
        DisplayName = "Flowchart",
        Description = "A flowchart: activities connected through their outcome ports.",
        Inputs = [],
        Outputs = [],
        Ports = [new PortDescriptor("Start", "Start", "Embedded")],
        CustomProperties = new JsonObject { ["Type"] = FlowchartType },
        IsContainer = true,
        IsBrowsable = false,
    };
}
