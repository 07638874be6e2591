using System.Text.Json.Nodes;
using JewelHub.Storage;

namespace JewelHub.Workflows.ActivityModel;

/// <summary>
/// What one activity execution sees: its evaluated inputs, the instance's variables, the triggering event and the
/// ids that make its effects idempotent.
/// </summary>
public sealed class ActivityContext
{
    private readonly IReadOnlyDictionary<IInput, object?> _inputs;
    private readonly IReadOnlyDictionary<IOutput, string> _outputNames;
    private readonly Action<string, JsonNode?> _setOutput;
    private readonly IDictionary<string, JsonNode?> _variables;
    private readonly Func<JsonNode?, Type, object?> _evaluate;
    private readonly UnitOfWork? _unit;

    internal ActivityContext(
        ActivityExecutionIds ids,
        IReadOnlyDictionary<IInput, object?> inputs,
        IReadOnlyDictionary<IOutput, string> outputNames,
        Action<string, JsonNode?> setOutput,
        IDictionary<string, JsonNode?> variables,
        JsonNode? triggerEvent,
        ResumeSignal? resume,
        UnitOfWork? unit,
        Func<JsonNode?, Type, object?> evaluate)
    {
        _unit = unit;
        _evaluate = evaluate;
        Ids = ids;
        _inputs = inputs;
        _outputNames = outputNames;
        _setOutput = setOutput;
        _variables = variables;
        Event = triggerEvent;
        Resume = resume;
    }

    /// <summary>The instance, activity and execution ids.</summary>
    public ActivityExecutionIds Ids { get; }

    /// <summary>
    /// The key every store effect of this execution carries: instance id + activity execution id. A replay after a crash
    /// runs the same execution id again, so the store returns the first result instead of acting twice.
    /// </summary>
    public string IdempotencyKey => Ids.IdempotencyKey;

    /// <summary>
    /// The unit of work this execution writes its effects in, and reads what the run wrote so far through: the run's
    /// one transaction, or the step's own. Activities that call another system have none.
    /// </summary>
    public UnitOfWork Unit => _unit ?? throw new InvalidOperationException(
        $"Activity {Ids.ActivityId} ({Ids.ActivityType}) calls another system and has no unit of work: its stores write in units of their own.");

    /// <summary>The event that started the instance (CloudEvent JSON), if any.</summary>
    public JsonNode? Event { get; }

    /// <summary>Set when a bookmark of this execution matched: the activity runs again to finish.</summary>
    public ResumeSignal? Resume { get; }

    /// <summary>The evaluated value of an input.</summary>
    public T Get<T>(Input<T> input) => _inputs.TryGetValue(input, out var value) && value is T typed ? typed : input.DefaultValue!;

    /// <summary>Sets an output; a bound variable receives it too.</summary>
    public void Set<T>(Output<T> output, T value) => _setOutput(_outputNames[output], WorkflowJson.ToNode(value));

    /// <summary>Sets an output and completes on "Done".</summary>
    public Outcome Done<T>(Output<T> output, T value)
    {
        Set(output, value);
        return Outcome.Done;
    }

    /// <summary>Evaluates an expression object {type, value} found inside an input (e.g. a Switch case's condition).</summary>
    public T? Evaluate<T>(JsonNode? expression) => _evaluate(expression, typeof(T)) is T value ? value : default;

    /// <summary>A variable's current value.</summary>
    public JsonNode? GetVariable(string name) => _variables.TryGetValue(name, out var value) ? value : null;

    /// <summary>Changes a variable.</summary>
    public void SetVariable(string name, JsonNode? value) => _variables[name] = value;
}

/// <summary>The ids of one activity execution.</summary>
/// <param name="InstanceId">The workflow instance.</param>
/// <param name="ExecutionId">The activity execution (stable across a replay of the same step).</param>
/// <param name="ActivityId">The activity id in the definition.</param>
/// <param name="NodeId">The Elsa node id, e.g. Workflow1:Flowchart1:ReserveStock1.</param>
/// <param name="ActivityType">The JSON type, e.g. JewelHub.ReserveStock.</param>
public sealed record ActivityExecutionIds(string InstanceId, string ExecutionId, string ActivityId, string NodeId, string ActivityType)
{
    /// <summary>instance id + ":" + activity execution id.</summary>
    public string IdempotencyKey => $"{InstanceId}:{ExecutionId}";
}
