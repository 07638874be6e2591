using System.Text.Json.Nodes;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;
using Xunit;

namespace JewelHub.Workflows.Tests.Runtime;

public sealed class FlowSchedulerTests
{
    private const string Instance = "instance-1";

    /// <summary>
    /// Bump → Gate; Gate True enters an inner loop (Inner ⇄ InnerAgain), Gate False skips it; both reach Check, whose
    /// True goes back to Bump. The second pass skips the inner loop, whose connections are then all dead.
    /// </summary>
    private static WorkflowDefinition NestedLoops() => Definition(
        ["Init", "Bump", "Gate", "Inner", "InnerAgain", "Check", "End"],
        ("Init", "Done", "Bump"), ("Bump", "Done", "Gate"),
        ("Gate", "True", "Inner"), ("Gate", "False", "Check"),
        ("Inner", "Done", "InnerAgain"), ("InnerAgain", "True", "Inner"), ("InnerAgain", "False", "Check"),
        ("Check", "True", "Bump"), ("Check", "False", "End"));

    [Fact]
    public void Complete_LoopBackThenLoopSkipped_SchedulesEachPassAndEnds()
    {
        var definition = NestedLoops();
        var scheduler = new FlowScheduler(definition);
        var state = new InstanceState();
        (string Activity, string Port)[] steps =
        [
            ("Init", "Done"), ("Bump", "Done"), ("Gate", "True"), ("Inner", "Done"), ("InnerAgain", "False"), ("Check", "True"),
            ("Bump", "Done"), ("Gate", "False"), ("Check", "False"),
        ];

        var scheduled = new List<string>();
        foreach (var (activity, port) in steps)
        {
            scheduler.Complete(definition.Find(activity)!, [port], state, Instance);
            scheduled.AddRange(state.Queue.Select(w => w.ActivityId));
            state.Queue.Clear();
        }

        Assert.Equal(["Bump", "Gate", "Inner", "InnerAgain", "Check", "Bump", "Gate", "Check", "End"], scheduled);
    }

    [Fact]
    public void Complete_LoopBack_NewExecutionIdEachPass()
    {
        var definition = Definition(["Start", "Work", "Again", "End"],
            ("Start", "Done", "Work"), ("Work", "Done", "Again"), ("Again", "True", "Work"), ("Again", "False", "End"));
        var scheduler = new FlowScheduler(definition);
        var state = new InstanceState();

        var executions = new List<string>();
        scheduler.Complete(definition.Find("Start")!, ["Done"], state, Instance);
        for (var pass = 0; pass < 3; pass++)
        {
            executions.Add(Assert.Single(state.Queue).ExecutionId);
            state.Queue.Clear();
            scheduler.Complete(definition.Find("Work")!, ["Done"], state, Instance);
            state.Queue.Clear();
            scheduler.Complete(definition.Find("Again")!, [pass < 2 ? "True" : "False"], state, Instance);
        }

        Assert.Equal("End", Assert.Single(state.Queue).ActivityId);
        Assert.Equal(3, executions.Distinct(StringComparer.Ordinal).Count());
    }

    private static WorkflowDefinition Definition(string[] activities, params (string Source, string Port, string Target)[] connections) => new()
    {
        DefinitionId = "loops",
        RootId = "Flowchart1",
        RootNodeId = "Workflow1:Flowchart1",
        Variables = [],
        Activities = [.. activities.Select(id => new ActivityNode
        {
            Id = id,
            NodeId = $"Workflow1:Flowchart1:{id}",
            Type = id == "End" ? "Elsa.End" : "Elsa.WriteLine",
            Json = new JsonObject { ["id"] = id },
        })],
        Connections = [.. connections.Select(c => new FlowConnection(c.Source, c.Port, c.Target, "In"))],
        Model = [],
        Origin = "test",
    };
}
