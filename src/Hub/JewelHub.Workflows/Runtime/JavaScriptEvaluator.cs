using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Parser;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Evaluates JavaScript expressions (ES5, Jint 2) with <c>variables</c>, <c>event</c>, <c>input</c> (the event's data),
/// <c>outputs</c> (by activity id), <c>getVariable(name)</c> and <c>getOutput(activityId, name)</c> in scope.
/// One engine per instance run; scripts are bounded in time and statements.
/// </summary>
/// <remarks>
/// A sale flow evaluates a score of small scripts, so each evaluation copies in only what its script names: the event
/// for a script that mentions <c>event</c> or <c>input</c>, variables for <c>variables</c> or <c>getVariable</c>,
/// outputs for <c>outputs</c> or <c>getOutput</c>; the rest are undefined. Every copy is fresh, so a script that writes
/// to one cannot change what the next script reads. Parsed scripts are not shared between engines: Jint 2 caches
/// literal values inside the syntax tree.
/// </remarks>
public sealed class JavaScriptEvaluator
{
    private readonly Engine _engine = new(options => options.TimeoutInterval(TimeSpan.FromSeconds(2)).MaxStatements(100_000).LimitRecursion(64));

    /// <summary>Runs <paramref name="script"/> and returns its completion value as JSON.</summary>
    public JsonNode? Evaluate(string script, EvaluationScope scope)
    {
        var variables = Names(script, "variables", "getVariable")
            ? Parse(new JsonObject(scope.Variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))))
            : JsValue.Undefined;
        var outputs = Names(script, "outputs", "getOutput")
            ? Parse(new JsonObject(scope.Outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value.DeepClone()))))
            : JsValue.Undefined;
        var triggerEvent = Names(script, "event", "input") ? Parse(scope.Event) : JsValue.Undefined;
        _engine.SetValue("variables", variables);
        _engine.SetValue("event", triggerEvent);
        _engine.SetValue("input", triggerEvent.IsObject() ? triggerEvent.AsObject().Get("data") : JsValue.Undefined);
        _engine.SetValue("outputs", outputs);
        _engine.SetValue("getVariable", new Func<string, JsValue>(name => variables.IsObject() ? variables.AsObject().Get(name) : JsValue.Undefined));
        _engine.SetValue("getOutput", new Func<string, string, JsValue>((activity, name) =>
            outputs.IsObject() && outputs.AsObject().Get(activity) is { } o && o.IsObject() ? o.AsObject().Get(name) : JsValue.Undefined));

        var result = _engine.Execute(script).GetCompletionValue();
        if (result.IsUndefined() || result.IsNull())
        {
            return null;
        }

        var json = new JsonSerializer(_engine).Serialize(result, JsValue.Undefined, JsValue.Undefined);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }

    /// <summary>Null when the script parses, else the parser's message.</summary>
    public static string? CheckSyntax(string script)
    {
        try
        {
            new JavaScriptParser().Parse(script);
            return null;
        }
        catch (ParserException exception)
        {
            return exception.Message;
        }
    }

    private static bool Names(string script, string name, string function) =>
        script.Contains(name, StringComparison.Ordinal) || script.Contains(function, StringComparison.Ordinal);

    private JsValue Parse(JsonNode? node) => node is null ? JsValue.Null : new JsonParser(_engine).Parse(node.ToJsonString());
}
