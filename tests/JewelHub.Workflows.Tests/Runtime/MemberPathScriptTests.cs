using System.Text.Json.Nodes;
using Jint.Runtime;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;
using Xunit;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>
/// Plain member paths (variables.X, input.a.b, event.x) are answered without the JavaScript engine; the answer must be
/// the one the engine gives, and what the engine would refuse must still be refused.
/// </summary>
public sealed class MemberPathScriptTests
{
    private static EvaluationScope Scope() => new(
        new Dictionary<string, JsonNode?>
        {
            ["OrderId"] = "ORD-1",
            ["Total"] = 71585.5m,
            ["Paid"] = true,
            ["Nothing"] = null,
            ["Payment"] = JsonNode.Parse("""{"paymentId":"pay-1","amount":"100.00","card":{"last4":"4242"}}"""),
        },
        JsonNode.Parse("""{"type":"sale.recorded","subject":"ORD-1","data":{"orderId":"ORD-1","branch":"MUM","customer":{"name":"Asha","phone":"+919800000001"},"lines":[{"sku":"RG-1","quantity":1}]}}"""),
        new Dictionary<string, JsonObject>());

    [Theory]
    [InlineData("variables.OrderId")]
    [InlineData("variables.Total")]
    [InlineData("variables.Paid")]
    [InlineData("variables.Nothing")]
    [InlineData("variables.NotAVariable")]
    [InlineData("variables.Payment")]
    [InlineData("variables.Payment.card.last4")]
    [InlineData("variables.Payment.missing")]
    [InlineData("input.branch")]
    [InlineData("input.customer.phone")]
    [InlineData("input.lines")]
    [InlineData("input.missing")]
    [InlineData("event.subject")]
    [InlineData("event.data.orderId")]
    [InlineData(" input.orderId; ")]
    public void Evaluate_MemberPath_SameAnswerAsTheEngine(string script)
    {
        var scope = Scope();
        var engine = new JavaScriptEvaluator().Evaluate(script, scope);

        var answered = MemberPathScript.TryEvaluate(script, scope, out var fast);

        Assert.True(answered);
        Assert.True(JsonNode.DeepEquals(engine, fast), $"{script}: engine {engine?.ToJsonString()}, path {fast?.ToJsonString()}");
    }

    [Theory]
    [InlineData("variables.NotAVariable.x")]
    [InlineData("input.missing.x")]
    [InlineData("input.branch.length")]
    [InlineData("input.lines.length")]
    [InlineData("input.lines[0].sku")]
    [InlineData("'managers:' + input.branch")]
    [InlineData("variables")]
    [InlineData("outputs.IssueBill.BillNumber")]
    public void TryEvaluate_NotAPlainJsonPath_LeftToTheEngine(string script)
    {
        Assert.False(MemberPathScript.TryEvaluate(script, Scope(), out _));
    }

    [Fact]
    public void Evaluate_MemberOfUndefined_FailsAsInJavaScript()
    {
        var evaluator = new ExpressionEvaluator(Scope());

        Assert.Throws<JavaScriptException>(() => evaluator.Evaluate(new InputExpression(InputExpression.JavaScript, "input.missing.x", null), typeof(string)));
    }

    [Fact]
    public void Evaluate_PathValueChangedByTheCaller_LaterReadsAreUnaffected()
    {
        var scope = Scope();
        Assert.True(MemberPathScript.TryEvaluate("variables.Payment", scope, out var copy));

        copy!["paymentId"] = "OVERWRITTEN";

        Assert.Equal("pay-1", scope.Variables["Payment"]!["paymentId"]!.GetValue<string>());
    }
}
