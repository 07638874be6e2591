using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Runs one activity execution: evaluates its inputs, creates it through DI, runs it under the retry pipeline of its
/// type, and binds its outputs to variables. Faults that outlast the retries reach the engine, which records the incident.
/// </summary>
public sealed class ActivityInvoker(ActivityRegistry registry, IServiceProvider services, Database database, IOptions<WorkflowOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="node"/> for the step <paramref name="work"/> of <paramref name="run"/>.</summary>
    public async Task<ActivityResult> InvokeAsync(RunState run, ActivityNode node, ScheduledWork work, CancellationToken cancellationToken)
    {
        var descriptor = registry.Find(node.Type) ?? throw new InvalidOperationException($"Unknown activity type '{node.Type}'.");
        if (run.InOneTransaction)
        {
            return await InvokeOnceAsync(run, node, descriptor, work, cancellationToken);
        }

        // Step by step, each attempt writes its effects in a unit of its own, committed when the activity succeeds; an
        // activity that calls another system holds no transaction open while it waits for the answer.
        var pipeline = _pipelines.GetOrAdd(node.Type, BuildPipeline);
        return await pipeline.ExecuteAsync(
            async token =>
            {
                if (descriptor.ReachesOutside)
                {
                    run.Unit = null;
                    return await InvokeOnceAsync(run, node, descriptor, work, token);
                }

                await using var unit = await database.BeginUnitAsync(token);
                run.Unit = unit;
                try
                {
                    var result = await InvokeOnceAsync(run, node, descriptor, work, token);
                    await unit.CommitAsync(token);
                    return result;
                }
                finally
                {
                    run.Unit = null;
                }
            },
            cancellationToken);
    }

    private async ValueTask<ActivityResult> InvokeOnceAsync(RunState run, ActivityNode node, ActivityDescriptor descriptor, ScheduledWork work, CancellationToken cancellationToken)
    {
        var activity = ActivityRegistry.Create(descriptor, services);
        var inputs = new Dictionary<IInput, object?>(ReferenceEqualityComparer.Instance);
        var inputState = new JsonObject();
        foreach (var input in descriptor.Inputs)
        {
            var handle = (IInput)input.Property!.GetValue(activity)!;
            var expression = InputExpression.Read(node.Json, input.JsonName, input.IsWrapped);
            var value = expression is null ? handle.DefaultValue : run.Evaluator.Evaluate(expression, input.ValueType) ?? handle.DefaultValue;
            inputs[handle] = value;
            inputState[input.JsonName] = WorkflowJson.ToNode(value);
        }

        var outputNames = new Dictionary<IOutput, string>(ReferenceEqualityComparer.Instance);
        foreach (var output in descriptor.Outputs)
        {
            outputNames[(IOutput)output.Property!.GetValue(activity)!] = output.Name;
        }

        var outputs = new JsonObject();
        var context = new ActivityContext(
            new ActivityExecutionIds(run.InstanceId, work.ExecutionId, node.Id, node.NodeId, node.Type),
            inputs,
            outputNames,
            (name, value) => outputs[name] = value?.DeepClone(),
            run.Variables,
            run.TriggerEvent,
            work.Resume,
            run.Unit,
            (expression, type) => expression is System.Text.Json.Nodes.JsonObject e
                ? run.Evaluator.Evaluate(new InputExpression(e["type"]?.GetValue<string>() ?? InputExpression.Literal, e["value"], null), type)
                : null);
        var outcome = await activity.ExecuteAsync(context, cancellationToken);
        foreach (var output in descriptor.Outputs)
        {
            if (outputs.TryGetPropertyValue(output.Name, out var value) && BoundVariable(node.Json, output.JsonName) is { } variableId)
            {
                run.SetVariableById(variableId, value?.DeepClone());
            }
        }

        return new ActivityResult(outcome, inputState, outputs);
    }

    private static string? BoundVariable(JsonObject activity, string outputJsonName) =>
        activity[outputJsonName]?["memoryReference"]?["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;

    private ResiliencePipeline BuildPipeline(string activityType)
    {
        var settings = options.Value.RetryByActivityType.GetValueOrDefault(activityType) ?? options.Value.Retry;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                Delay = settings.Delay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A script stopped by a limit would be stopped again.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException and not LeaseLostException and not ScriptLimitException),
            });
        }

        return builder.Build();
    }
}

/// <summary>What an activity execution produced: its outcome, evaluated inputs and outputs.</summary>
/// <param name="Outcome">Ports, bookmarks or end.</param>
/// <param name="Inputs">The evaluated inputs, for the journal.</param>
/// <param name="Outputs">The outputs by name.</param>
public sealed record ActivityResult(ActivityModel.Outcome Outcome, JsonObject Inputs, JsonObject Outputs);
