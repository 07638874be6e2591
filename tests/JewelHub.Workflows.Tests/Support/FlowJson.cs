using System.Text.Json.Nodes;

namespace JewelHub.Workflows.Tests.Support;

/// <summary>Builds Elsa-3 workflow JSON (definition model with an Elsa.Flowchart root) for tests, with designer positions.</summary>
public sealed class FlowJson(string definitionId)
{
    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];
    private readonly JsonArray _variables = [];

    public FlowJson Variable(string name, string typeName = "Object", JsonNode? value = null)
    {
        _variables.Add(new JsonObject { ["id"] = $"var-{name}", ["name"] = name, ["typeName"] = typeName, ["isArray"] = false, ["value"] = value });
        return this;
    }

    /// <summary>Adds an activity; inputs are (name, expression type, value) wrapped as Elsa writes them.</summary>
    public FlowJson Activity(string id, string type, params (string Name, string ExpressionType, string Value)[] inputs)
    {
        var activity = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = false, ["runAsynchronously"] = false },
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = _activities.Count * 240, ["y"] = 0 } } },
        };
        foreach (var (name, expressionType, value) in inputs)
        {
            activity[name] = new JsonObject
            {
                ["typeName"] = "Object",
                ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value },
                ["memoryReference"] = null,
            };
        }

        _activities.Add(activity);
        return this;
    }

    /// <summary>Adds an Elsa.Event trigger on an event type.</summary>
    public FlowJson Trigger(string id, string eventType)
    {
        Activity(id, "Elsa.Event", ("eventName", "Literal", eventType));
        ((JsonObject)_activities[^1]!)["customProperties"]!["canStartWorkflow"] = true;
        return this;
    }

    /// <summary>Sets a raw property on the last activity (unwrapped inputs, output bindings).</summary>
    public FlowJson With(string property, JsonNode? value)
    {
        ((JsonObject)_activities[^1]!)[property] = value;
        return this;
    }

    /// <summary>Binds an output of the last activity to a variable.</summary>
    public FlowJson Output(string output, string variable) =>
        With(output, new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = $"var-{variable}" } });

    public FlowJson Connect(string source, string port, string target)
    {
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
        return this;
    }

    public JsonObject Build() => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["description"] = $"Test flow {definitionId}",
        ["toolVersion"] = "3.8.2.0",
        ["variables"] = _variables.DeepClone(),
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["id"] = "Flowchart1",
            ["name"] = "Flowchart1",
            ["metadata"] = new JsonObject(),
            ["activities"] = _activities.DeepClone(),
            ["connections"] = _connections.DeepClone(),
            ["variables"] = new JsonArray(),
        },
    };

    public override string ToString() => Build().ToJsonString();
}
