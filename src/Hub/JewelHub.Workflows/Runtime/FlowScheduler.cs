using JewelHub.Workflows.Definitions;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Flowchart semantics: where a flow starts, which activities follow an outcome, and when a join fires. A branch not
/// taken marks its connections dead, and the deadness travels on through activities that can no longer be reached,
/// so a WaitAll join after a decision waits only for the branches that can still arrive. A connection may lead back
/// to an activity that already ran (a loop): taking it schedules a new execution of that activity, with a new id.
/// </summary>
public sealed class FlowScheduler(WorkflowDefinition definition)
{
    public const string JoinType = "Elsa.FlowJoin";

    public const string StartType = "Elsa.Start";

    /// <summary>
    /// Where a run that no trigger started begins, as Elsa's flowchart decides it: the Start activity, else the first
    /// activity that can start the workflow (a trigger), else the first activity without inbound connections, else the
    /// first activity. One activity: a second root is not run (as in Elsa).
    /// </summary>
    public ActivityNode? Start =>
        definition.Activities.FirstOrDefault(a => a.Type == StartType)
        ?? definition.Activities.FirstOrDefault(a => a.TriggerEventType is not null)
        ?? definition.Activities.FirstOrDefault(a => definition.Connections.All(c => c.TargetActivity != a.Id))
        ?? (definition.Activities.Count > 0 ? definition.Activities[0] : null);

    /// <summary>Schedules the activities that follow <paramref name="activity"/> completing on <paramref name="ports"/>.</summary>
    public void Complete(ActivityNode activity, IReadOnlyList<string> ports, InstanceState state, string instanceId)
    {
        foreach (var connection in Outbound(activity.Id))
        {
            if (ports.Contains(connection.SourcePort, StringComparer.Ordinal))
            {
                Arrive(connection, taken: true, state, instanceId);
            }
            else
            {
                Arrive(connection, taken: false, state, instanceId);
            }
        }
    }

    private void Arrive(FlowConnection connection, bool taken, InstanceState state, string instanceId)
    {
        var key = Key(connection);
        var target = definition.Find(connection.TargetActivity)!;
        if (target.Type == JoinType)
        {
            ArriveAtJoin(target, key, taken, state, instanceId);
            return;
        }

        if (taken)
        {
            state.DeadConnections.Remove(key);
            state.Schedule(instanceId, target.Id);
            return;
        }

        // A connection already dead has passed its deadness on; going round again would never end on a loop.
        if (!state.DeadConnections.Add(key))
        {
            return;
        }

        if (Inbound(target.Id).All(c => state.DeadConnections.Contains(Key(c))))
        {
            foreach (var next in Outbound(target.Id))
            {
                Arrive(next, taken: false, state, instanceId);
            }
        }
    }

    private void ArriveAtJoin(ActivityNode join, string key, bool taken, InstanceState state, string instanceId)
    {
        var arrivals = state.Joins.TryGetValue(join.Id, out var existing) ? existing : state.Joins[join.Id] = new JoinArrivals();
        (taken ? arrivals.Taken : arrivals.Dead).Add(key);
        var inbound = Inbound(join.Id).Select(Key).ToList();
        var resolved = inbound.All(k => arrivals.Taken.Contains(k) || arrivals.Dead.Contains(k));
        var waitAny = string.Equals(InputExpression.Read(join.Json, "mode", isWrapped: true)?.Text, "WaitAny", StringComparison.OrdinalIgnoreCase);
        var fire = !arrivals.Fired && arrivals.Taken.Count > 0 && (waitAny || resolved);
        if (fire)
        {
            arrivals.Fired = true;
            state.Schedule(instanceId, join.Id);
        }

        if (resolved)
        {
            if (!arrivals.Fired)
            {
                foreach (var next in Outbound(join.Id))
                {
                    Arrive(next, taken: false, state, instanceId);
                }
            }

            state.Joins.Remove(join.Id);
        }
    }

    private IEnumerable<FlowConnection> Outbound(string activityId) => definition.Connections.Where(c => c.SourceActivity == activityId);

    private IEnumerable<FlowConnection> Inbound(string activityId) => definition.Connections.Where(c => c.TargetActivity == activityId);

    private static string Key(FlowConnection c) => $"{c.SourceActivity}|{c.SourcePort}|{c.TargetActivity}";
}
