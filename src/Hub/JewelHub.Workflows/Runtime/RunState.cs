using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Workflows.Definitions;

namespace JewelHub.Workflows.Runtime;

/// <summary>One run of an instance in memory: its definition, variables, scheduler state and the writes not yet committed.</summary>
public sealed class RunState
{
    private readonly Dictionary<string, string> _variableNamesById;

    public RunState(WorkflowInstance instance, WorkflowDefinition definition, string leaseId, ScriptOptions? scripts = null)
    {
        InstanceId = instance.Id;
        Definition = definition;
        Scheduler = new FlowScheduler(definition);
        State = InstanceState.FromJson(instance.State);
        Variables = JsonNode.Parse(instance.Variables)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        TriggerEvent = instance.TriggerEvent is null ? null : JsonNode.Parse(instance.TriggerEvent);
        _variableNamesById = definition.Variables.ToDictionary(v => v.Id, v => v.Name, StringComparer.Ordinal);
        var scope = new EvaluationScope(Variables, TriggerEvent, State.Outputs)
        {
            State = State,
            Definition = definition,
            InstanceId = instance.Id,
            CorrelationId = instance.CorrelationId,
        };
        Evaluator = new ExpressionEvaluator(scope, scripts);
        Commit = new InstanceCommit
        {
            InstanceId = instance.Id,
            LeaseId = leaseId,
            Status = WorkflowStatus.Running,
            Variables = instance.Variables,
            State = instance.State,
        };
    }

    public string InstanceId { get; }

    public WorkflowDefinition Definition { get; }

    public FlowScheduler Scheduler { get; }

    public InstanceState State { get; }

    public Dictionary<string, JsonNode?> Variables { get; }

    public JsonNode? TriggerEvent { get; }

    public ExpressionEvaluator Evaluator { get; }

    /// <summary>
    /// True while the run's steps share one database transaction: a fault then rolls everything back and the engine
    /// runs the same steps again one commit at a time, where faults are retried and recorded.
    /// </summary>
    public bool InOneTransaction { get; init; }

    /// <summary>
    /// The unit of work the step being executed writes its effects in: the run's one transaction, or the step's own unit
    /// when the run goes step by step; null for an activity that calls another system (it holds no transaction open
    /// while it waits for the answer).
    /// </summary>
    public UnitOfWork? Unit { get; set; }

    /// <summary>The writes since the last commit.</summary>
    public InstanceCommit Commit { get; }

    /// <summary>Sets the variable an output is bound to (by variable id, or name).</summary>
    public void SetVariableById(string variableId, JsonNode? value) =>
        Variables[_variableNamesById.GetValueOrDefault(variableId, variableId)] = value;

    /// <summary>Copies variables and state into the pending commit.</summary>
    public InstanceCommit Snapshot(WorkflowStatus status, DateTimeOffset now, TimeSpan leaseDuration)
    {
        Commit.Status = status;
        Commit.Variables = new JsonObject(Variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))).ToJsonString();
        Commit.State = State.ToJson();
        Commit.LeaseUntil = now + leaseDuration;
        Commit.FinishedAt = status is WorkflowStatus.Finished or WorkflowStatus.Cancelled ? now : null;
        return Commit;
    }

    /// <summary>The initial variables of a definition, overridden by <paramref name="overrides"/>.</summary>
    public static JsonObject InitialVariables(WorkflowDefinition definition, JsonObject? overrides)
    {
        var variables = new JsonObject();
        foreach (var variable in definition.Variables)
        {
            variables[variable.Name] = variable.Value?.DeepClone();
        }

        foreach (var (name, value) in overrides ?? [])
        {
            variables[name] = value?.DeepClone();
        }

        return variables;
    }
}
