using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Runtime;
using Xunit;

namespace JewelHub.Workflows.Tests.Definitions;

public sealed class ActivityRegistryTests
{
    private static readonly ActivityRegistry Registry = new([typeof(WorkflowEngine).Assembly]);

    [Theory]
    [InlineData("Elsa.Start")]
    [InlineData("Elsa.End")]
    [InlineData("Elsa.WriteLine")]
    [InlineData("Elsa.SetVariable")]
    [InlineData("Elsa.FlowDecision")]
    [InlineData("Elsa.If")]
    [InlineData("Elsa.Switch")]
    [InlineData("Elsa.Delay")]
    [InlineData("Elsa.FlowJoin")]
    [InlineData("Elsa.Fork")]
    [InlineData("Elsa.Event")]
    [InlineData("Elsa.PublishEvent")]
    [InlineData("Elsa.SendHttpRequest")]
    public void Find_ElsaBuiltIn_HasDescriptor(string typeName)
    {
        var descriptor = Registry.Find(typeName);

        Assert.NotNull(descriptor);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
    }

    [Fact]
    public void Descriptor_FlowDecision_HasConditionInputAndTrueFalsePorts()
    {
        var descriptor = Registry.Find("Elsa.FlowDecision")!;

        Assert.Equal("Decision", descriptor.DisplayName);
        Assert.Equal("Branching", descriptor.Category);
        var condition = Assert.Single(descriptor.Inputs);
        Assert.Equal(("Condition", "Boolean"), (condition.Name, condition.TypeName));
        Assert.Equal(["True", "False"], descriptor.Ports.Select(p => p.Name));
    }

    [Fact]
    public void Descriptor_If_HasEmbeddedThenElseAndFlowDone()
    {
        var ports = Registry.Find("Elsa.If")!.Ports;

        Assert.Equal([("Then", "Embedded"), ("Else", "Embedded"), ("Done", "Flow")], ports.Select(p => (p.Name, p.Type)));
    }

    [Fact]
    public void Descriptor_FlowJoin_HasDropdownWithDefault()
    {
        var mode = Assert.Single(Registry.Find("Elsa.FlowJoin")!.Inputs);

        Assert.Equal("dropdown", mode.UIHint);
        Assert.Equal("WaitAll", mode.DefaultValue!.GetValue<string>());
        Assert.NotNull(mode.UISpecifications);
    }

    [Fact]
    public void Descriptor_Flowchart_IsHiddenContainer()
    {
        var flowchart = Registry.Find(ActivityRegistry.FlowchartType)!;

        Assert.True(flowchart.IsContainer);
        Assert.False(flowchart.IsBrowsable);
    }
}
