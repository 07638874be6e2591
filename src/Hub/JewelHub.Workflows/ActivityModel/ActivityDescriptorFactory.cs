using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace JewelHub.Workflows.ActivityModel;

/// <summary>Builds an activity's descriptor from its class, so the code is the single source of what Elsa Studio shows.</summary>
internal static class ActivityDescriptorFactory
{
    public static ActivityDescriptor Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<ActivityAttribute>()!;
        var typeName = $"{attribute.Namespace}.{type.Name}";
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return new ActivityDescriptor
        {
            TypeName = typeName,
            Namespace = attribute.Namespace,
            Name = type.Name,
            Version = attribute.Version,
            Category = attribute.Category,
            DisplayName = attribute.DisplayName ?? Words(type.Name),
            Description = attribute.Description,
            Kind = attribute.Kind,
            Inputs = [.. properties.Where(p => p.GetCustomAttribute<InputAttribute>() is not null).Select((p, i) => DescribeInput(p, i, type))],
            Outputs = [.. properties.Where(p => p.GetCustomAttribute<OutputAttribute>() is not null).Select(DescribeOutput)],
            Ports = [.. attribute.EmbeddedPorts.Select(port => new PortDescriptor(port, Words(port), "Embedded")),
                .. attribute.Outcomes.Select(port => new PortDescriptor(port, Words(port)))],
            CustomProperties = new JsonObject { ["Type"] = typeName },
            IsStart = attribute.IsStart,
            IsTerminal = attribute.IsTerminal,
            ClrType = type,
            HasEffects = attribute.HasEffects,
            ReachesOutside = attribute.ReachesOutside,
            DynamicOutcomes = attribute.DynamicOutcomes,
        };
    }

    /// <summary>"OutOfStock" becomes "Out of stock".</summary>
    public static string Words(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static InputDescriptor DescribeInput(PropertyInfo property, int index, Type activityType)
    {
        var attribute = property.GetCustomAttribute<InputAttribute>()!;
        var valueType = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Input<>)
            ? property.PropertyType.GetGenericArguments()[0]
            : throw new InvalidOperationException($"{activityType.Name}.{property.Name} must be an Input<T>.");
        var defaults = DefaultsOf(property, activityType);
        return new InputDescriptor
        {
            Name = property.Name,
            TypeName = attribute.TypeName ?? TypeAliases.Alias(valueType),
            DisplayName = attribute.DisplayName ?? Words(property.Name),
            Description = attribute.Description,
            Order = attribute.Order >= 0 ? attribute.Order : index,
            UIHint = attribute.UIHint ?? (attribute.Options is not null ? "dropdown" : TypeAliases.DefaultUIHint(valueType)),
            IsWrapped = attribute.IsWrapped,
            DefaultValue = defaults?.DefaultValue is { } value ? WorkflowJson.ToNode(value) : null,
            DefaultSyntax = attribute.DefaultSyntax,
            UISpecifications = attribute.Options is null ? null : Dropdown(attribute.Options),
            IsRequired = defaults?.IsRequired ?? false,
            ValueType = valueType,
            Property = property,
        };
    }

    // Input defaults are property initialisers, which run in the constructor; they never use the constructor's
    // dependencies, so a probe instance built with null dependencies shows them.
    private static IInput? DefaultsOf(PropertyInfo property, Type activityType)
    {
        var constructor = activityType.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters()
            .Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
        return property.GetValue(constructor.Invoke(arguments)) as IInput;
    }

    private static OutputDescriptor DescribeOutput(PropertyInfo property, int index)
    {
        var attribute = property.GetCustomAttribute<OutputAttribute>()!;
        var valueType = property.PropertyType.GetGenericArguments().FirstOrDefault() ?? typeof(object);
        return new OutputDescriptor
        {
            Name = property.Name,
            TypeName = TypeAliases.Alias(valueType),
            DisplayName = attribute.DisplayName ?? Words(property.Name),
            Description = attribute.Description,
            Order = index,
            Property = property,
        };
    }

    private static JsonObject Dropdown(string[] options) => new()
    {
        ["dropdown"] = new JsonObject
        {
            ["selectList"] = new JsonObject
            {
                ["items"] = new JsonArray([.. options.Select(option => option.Split('|', 2)).Select(parts =>
                    (JsonNode)new JsonObject { ["text"] = parts[^1], ["value"] = parts[0] })]),
                ["isFlagsEnum"] = false,
            },
        },
    };
}
