using System.Text.Json.Nodes;
using JewelHub.Workflows.Runtime;
using Xunit;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>What a workflow's JavaScript expressions can read, and that one expression cannot change what the next reads.</summary>
public sealed class JavaScriptEvaluatorTests
{
    private static EvaluationScope Scope(Dictionary<string, JsonNode?> variables) => new(
        variables,
        JsonNode.Parse("""{"type":"sale.recorded","data":{"orderId":"ORD-1","lines":[{"sku":"RG-1"}]}}"""),
        new Dictionary<string, JsonObject> { ["IssueBill"] = new() { ["BillNumber"] = "MUM/2026-27/000001" } });

    [Fact]
    public void Evaluate_ReadsEventInputVariablesAndOutputs()
    {
        var evaluator = new JavaScriptEvaluator();
        var scope = Scope(new() { ["Branch"] = "MUM" });

        Assert.Equal("ORD-1", evaluator.Evaluate("event.data.orderId", scope)!.GetValue<string>());
        Assert.Equal("RG-1", evaluator.Evaluate("input.lines[0].sku", scope)!.GetValue<string>());
        Assert.Equal("MUM", evaluator.Evaluate("getVariable('Branch')", scope)!.GetValue<string>());
        Assert.Equal("MUM", evaluator.Evaluate("variables.Branch", scope)!.GetValue<string>());
        Assert.Equal("MUM/2026-27/000001", evaluator.Evaluate("getOutput('IssueBill', 'BillNumber')", scope)!.GetValue<string>());
        Assert.Equal("MUM/2026-27/000001", evaluator.Evaluate("outputs.IssueBill.BillNumber", scope)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ScriptWritesToEventOrVariables_LaterScriptsReadTheOriginals()
    {
        var evaluator = new JavaScriptEvaluator();
        var variables = new Dictionary<string, JsonNode?> { ["Branch"] = "MUM" };
        var scope = Scope(variables);

        evaluator.Evaluate("event.data.orderId = 'OVERWRITTEN'; input.lines.push({sku: 'X'}); variables.Branch = 'PUN'; 1", scope);

        Assert.Equal("ORD-1", evaluator.Evaluate("event.data.orderId", scope)!.GetValue<string>());
        Assert.Equal(1, evaluator.Evaluate("input.lines.length", scope)!.GetValue<int>());
        Assert.Equal("MUM", evaluator.Evaluate("variables.Branch", scope)!.GetValue<string>());
        Assert.Equal("MUM", variables["Branch"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_VariableChangedBetweenScripts_NextScriptSeesTheNewValue()
    {
        var evaluator = new JavaScriptEvaluator();
        var variables = new Dictionary<string, JsonNode?> { ["Attempts"] = 1 };
        var scope = Scope(variables);
        Assert.Equal(2, evaluator.Evaluate("getVariable('Attempts') + 1", scope)!.GetValue<int>());

        variables["Attempts"] = 5;

        Assert.Equal(6, evaluator.Evaluate("getVariable('Attempts') + 1", scope)!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_ScriptsDeclaringTheSameConst_EachRunsOnItsOwn()
    {
        var evaluator = new JavaScriptEvaluator();
        var scope = Scope(new() { ["Branch"] = "MUM" });

        var first = evaluator.Evaluate("const branch = getVariable('Branch'); branch", scope);
        var second = evaluator.Evaluate("const branch = `${input.lines[0].sku}`; branch", scope);

        Assert.Equal("MUM", first!.GetValue<string>());
        Assert.Equal("RG-1", second!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_SetVariable_ChangesTheWorkflowVariable()
    {
        var evaluator = new JavaScriptEvaluator();
        var variables = new Dictionary<string, JsonNode?> { ["Branch"] = "MUM" };

        var read = evaluator.Evaluate("setVariable('Branch', 'PUN'); getVariable('Branch')", Scope(variables));

        Assert.Equal("PUN", read!.GetValue<string>());
        Assert.Equal("PUN", variables["Branch"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("const total = `${input.amount")]
    [InlineData("input.lines.map(l => l.sku")]
    public void CheckSyntax_ScriptThatDoesNotParse_NamesLineAndColumn(string script)
    {
        var problem = JavaScriptEvaluator.CheckSyntax(script);

        Assert.NotNull(problem);
        Assert.Contains("(line 1, column ", problem, StringComparison.Ordinal);
    }
}
