using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;
using JewelHub.Workflows.Tests.Support;
using Xunit;

namespace JewelHub.Workflows.Tests.Definitions;

public sealed class DefinitionValidatorTests
{
    private static readonly ActivityRegistry Registry = new([typeof(WorkflowEngine).Assembly]);

    private static void Validate(FlowJson flow, string file = "broken.json")
    {
        var definition = new DefinitionReader(Registry).Read(flow.ToString(), file);
        new DefinitionValidator(Registry).Validate(definition);
    }

    [Fact]
    public void Validate_ValidFlow_Passes()
    {
        Validate(new FlowJson("ok").Activity("Start1", "Elsa.Start").Activity("Write1", "Elsa.WriteLine", ("text", "Literal", "hi")).Connect("Start1", "Done", "Write1"));
    }

    [Fact]
    public void Validate_UnknownActivityType_NamesFileAndActivity()
    {
        var error = Assert.Throws<DefinitionException>(() => Validate(new FlowJson("x").Activity("Mystery1", "Elsa.DoesNotExist")));
        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("activity 'Mystery1': unknown activity type 'Elsa.DoesNotExist'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DanglingConnection_NamesActivity()
    {
        var error = Assert.Throws<DefinitionException>(() => Validate(new FlowJson("x").Activity("Start1", "Elsa.Start").Connect("Start1", "Done", "Ghost1")));
        Assert.Contains("activity 'Start1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Ghost1', which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownPort_NamesActivityAndPort()
    {
        var error = Assert.Throws<DefinitionException>(() =>
            Validate(new FlowJson("x").Activity("Decide1", "Elsa.FlowDecision", ("condition", "Literal", "true")).Activity("End1", "Elsa.End").Connect("Decide1", "Maybe", "End1")));
        Assert.Contains("activity 'Decide1': a connection leaves from port 'Maybe'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnparsableJavaScript_NamesActivityAndInput()
    {
        var error = Assert.Throws<DefinitionException>(() => Validate(new FlowJson("x").Activity("Decide1", "Elsa.FlowDecision", ("condition", "JavaScript", "variables.a ==="))));
        Assert.Contains("activity 'Decide1': input 'condition': JavaScript does not parse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LiteralOfWrongType_IsRefused()
    {
        var error = Assert.Throws<DefinitionException>(() => Validate(new FlowJson("x").Activity("Delay1", "Elsa.Delay", ("timeSpan", "Literal", "soon"))));
        Assert.Contains("activity 'Delay1': input 'timeSpan': unparsable Literal expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRequiredInput_NamesInput()
    {
        var error = Assert.Throws<DefinitionException>(() => Validate(new FlowJson("x").Activity("Publish1", "Elsa.PublishEvent")));
        Assert.Contains("activity 'Publish1': the required input 'eventName' has no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndeclaredVariable_IsRefused()
    {
        var error = Assert.Throws<DefinitionException>(() => Validate(new FlowJson("x").Activity("Write1", "Elsa.WriteLine", ("text", "Variable", "Nope"))));
        Assert.Contains("activity 'Write1': input 'text': the variable 'Nope' is not declared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingNodeIds_AreFilledLikeElsaStudio()
    {
        var definition = new DefinitionReader(Registry).Read(new FlowJson("x").Activity("Start1", "Elsa.Start").ToString(), "x.json");

        Assert.Equal("Workflow1:Flowchart1:Start1", definition.Activities[0].NodeId);
        Assert.Equal(0, definition.Model["root"]!["activities"]![0]!["metadata"]!["designer"]!["position"]!["x"]!.GetValue<int>());
    }
}
