using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// The functions Elsa 3 gives workflow JavaScript, under Elsa's names: <c>getInput(name)</c>, <c>getOutputFrom(activity,
/// output?)</c> (by activity id or name; the Result output when none is named), <c>getLastResult()</c>,
/// <c>get{Variable}()</c>/<c>set{Variable}(value)</c> for each variable, <c>get{Output}From{Activity}()</c> for each
/// activity's outputs, <c>getWorkflowInstanceId()</c>, <c>getWorkflowDefinitionId()</c>, <c>getCorrelationId()</c>,
/// <c>isNullOrEmpty</c>, <c>isNullOrWhiteSpace</c> and <c>toJson</c>. Only the names a script mentions are defined.
/// </summary>
internal static partial class ElsaGlobals
{
    /// <summary>The workflow input key under which Elsa keeps the payload of the event that started or resumed a run.</summary>
    public const string EventPayloadKey = "__EventPayloadWorkflowInput";

    /// <summary>Defines on <paramref name="engine"/> the functions <paramref name="script"/> names; <paramref name="setVariable"/> writes a variable.</summary>
    public static void Define(Engine engine, string script, EvaluationScope scope, Action<string, JsValue> setVariable)
    {
        if (Mentions(script, "getInput"))
        {
            engine.SetValue("getInput", new Func<string, JsValue>(name => Value(engine, Input(scope, name))));
        }

        if (Mentions(script, "getOutputFrom"))
        {
            engine.SetValue("getOutputFrom", new Func<JsValue, JsValue, JsValue>((activity, output) =>
                Value(engine, Output(scope, activity is { } a && a.IsString() ? a.AsString() : "", output is { } o && o.IsString() ? o.AsString() : "Result"))));
        }

        if (Mentions(script, "getLastResult"))
        {
            engine.SetValue("getLastResult", new Func<JsValue>(() => Value(engine, scope.State?.LastResult)));
        }

        if (Mentions(script, "getWorkflowInstanceId"))
        {
            engine.SetValue("getWorkflowInstanceId", new Func<string?>(() => scope.InstanceId));
        }

        if (Mentions(script, "getWorkflowDefinitionId"))
        {
            engine.SetValue("getWorkflowDefinitionId", new Func<string?>(() => scope.Definition?.DefinitionId));
        }

        if (Mentions(script, "getCorrelationId"))
        {
            engine.SetValue("getCorrelationId", new Func<string?>(() => scope.CorrelationId));
        }

        if (Mentions(script, "isNullOrEmpty"))
        {
            engine.SetValue("isNullOrEmpty", new Func<string?, bool>(string.IsNullOrEmpty));
        }

        if (Mentions(script, "isNullOrWhiteSpace"))
        {
            engine.SetValue("isNullOrWhiteSpace", new Func<string?, bool>(string.IsNullOrWhiteSpace));
        }

        if (Mentions(script, "toJson"))
        {
            engine.SetValue("toJson", new Func<JsValue, string>(value => JavaScriptEvaluator.ToNode(engine, value)?.ToJsonString() ?? "null"));
        }

        foreach (var name in scope.Variables.Keys.Where(IsIdentifier).ToList())
        {
            var pascal = Pascalize(name);
            if (Mentions(script, "get" + pascal))
            {
                engine.SetValue("get" + pascal, new Func<JsValue>(() => Value(engine, scope.Variables.TryGetValue(name, out var v) ? v : null)));
            }

            if (Mentions(script, "set" + pascal))
            {
                engine.SetValue("set" + pascal, new Action<JsValue>(value => setVariable(name, value)));
            }
        }

        foreach (Match accessor in OutputAccessor().Matches(script))
        {
            var (output, activityName) = (accessor.Groups["output"].Value, accessor.Groups["activity"].Value);
            if (scope.Definition?.Activities.FirstOrDefault(a => a.Name is { } n && IsIdentifier(n) && Pascalize(n) == activityName) is { } activity)
            {
                engine.SetValue(accessor.Value, new Func<JsValue>(() => Value(engine, Output(scope, activity.Id, output))));
            }
        }
    }

    /// <summary>Elsa's Pascal case of a name: the first letter and each letter after an underscore or space upper-cased, those removed.</summary>
    public static string Pascalize(string name) => PascalParts().Replace(name, m => m.Groups[1].Value.ToUpperInvariant());

    /// <summary>True for a name a script can use as an identifier.</summary>
    public static bool IsIdentifier(string name) => Identifier().IsMatch(name);

    private static JsonNode? Input(EvaluationScope scope, string name) =>
        name == EventPayloadKey ? scope.State?.EventInput : (scope.Event as JsonObject)?["data"] is JsonObject data ? data[name] : null;

    // By activity id, else by activity name; an output name as the activity declares it (Result) or in camel case.
    private static JsonNode? Output(EvaluationScope scope, string activity, string output)
    {
        var id = scope.Outputs.ContainsKey(activity) ? activity : scope.Definition?.Activities.FirstOrDefault(a => a.Name == activity)?.Id;
        if (id is null || !scope.Outputs.TryGetValue(id, out var outputs))
        {
            return null;
        }

        return outputs[output] ?? outputs.FirstOrDefault(o => string.Equals(o.Key, output, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private static JsValue Value(Engine engine, JsonNode? node) => node is null ? JsValue.Undefined : JavaScriptEvaluator.Parse(engine, node.DeepClone());

    private static bool Mentions(string script, string name) => script.Contains(name, StringComparison.Ordinal);

    [GeneratedRegex(@"(?:^|_| +)(.)", RegexOptions.CultureInvariant)]
    private static partial Regex PascalParts();

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\bget(?<output>[A-Za-z0-9_$]+?)From(?<activity>[A-Za-z0-9_$]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OutputAccessor();
}
