using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Evaluates JavaScript expressions (ECMAScript 2015 and later: let/const, arrow functions, template literals,
/// destructuring, optional chaining, ??, array methods, JSON, Date) with <c>variables</c>, <c>event</c>, <c>input</c>
/// (the event's data), <c>outputs</c> (by activity id), <c>getVariable(name)</c>, <c>setVariable(name, value)</c> and
/// <c>getOutput(activityId, name)</c> in scope, and the functions Elsa 3 offers (<see cref="ElsaGlobals"/>). One engine per instance run; each script is bounded by the
/// <see cref="ScriptOptions"/> limits, and one that exceeds a limit throws <see cref="ScriptLimitException"/>.
/// </summary>
/// <remarks>
/// A sale flow evaluates a score of small scripts, so each evaluation copies in only what its script names: the event
/// for a script that mentions <c>event</c> or <c>input</c>, variables for <c>variables</c> or <c>getVariable</c>,
/// outputs for <c>outputs</c> or <c>getOutput</c>; the rest are undefined. Every copy is fresh, so a script that writes
/// to one cannot change what the next script reads; only <c>setVariable</c> changes a workflow variable. Parsed scripts
/// are shared by all engines (a prepared script is immutable).
/// </remarks>
public sealed class JavaScriptEvaluator
{
    private const int MaxPreparedScripts = 2048;

    private static readonly ConcurrentDictionary<string, Prepared<Script>> Prepared = new(StringComparer.Ordinal);

    private readonly ScriptOptions _limits;

    public JavaScriptEvaluator(ScriptOptions? limits = null) => _limits = limits ?? new ScriptOptions();

    /// <summary>Runs <paramref name="script"/> and returns its completion value as JSON.</summary>
    /// <remarks>Each script runs in an engine of its own, so a <c>const</c> of one script does not clash with the next.</remarks>
    public JsonNode? Evaluate(string script, EvaluationScope scope)
    {
        Prepared<Script> prepared;
        try
        {
            prepared = Prepare(script);
        }
        catch (ScriptPreparationException exception)
        {
            throw new InvalidOperationException($"JavaScript does not parse: {ParseProblem(exception)}", exception);
        }

        using var engine = new Engine(options =>
        {
            options.TimeoutInterval(_limits.TimeLimit).LimitMemory(_limits.MemoryLimit).LimitRecursion(_limits.RecursionLimit);
            if (_limits.MaxStatements > 0)
            {
                options.MaxStatements(_limits.MaxStatements);
            }
        });
        var variables = Names(script, "variables", "getVariable")
            ? Parse(engine, new JsonObject(scope.Variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))))
            : JsValue.Undefined;
        var outputs = Names(script, "outputs", "getOutput")
            ? Parse(engine, new JsonObject(scope.Outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value.DeepClone()))))
            : JsValue.Undefined;
        var triggerEvent = Names(script, "event", "input") ? Parse(engine, scope.Event) : JsValue.Undefined;
        engine.SetValue("variables", variables);
        engine.SetValue("event", triggerEvent);
        engine.SetValue("input", triggerEvent.IsObject() ? triggerEvent.AsObject().Get("data") : JsValue.Undefined);
        engine.SetValue("outputs", outputs);
        engine.SetValue("getVariable", new Func<string, JsValue>(name => variables.IsObject() ? variables.AsObject().Get(name) : JsValue.Undefined));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) =>
        {
            scope.Variables[name] = ToNode(engine, value);
            if (variables.IsObject())
            {
                variables.AsObject().Set(name, value);
            }
        }));
        engine.SetValue("getOutput", new Func<string, string, JsValue>((activity, name) =>
            outputs.IsObject() && outputs.AsObject().Get(activity) is { } o && o.IsObject() ? o.AsObject().Get(name) : JsValue.Undefined));
        ElsaGlobals.Define(engine, script, scope, (name, value) =>
        {
            scope.Variables[name] = ToNode(engine, value);
            if (variables.IsObject())
            {
                variables.AsObject().Set(name, value);
            }
        });

        JsValue result;
        try
        {
            result = engine.Evaluate(prepared);
        }
        catch (TimeoutException)
        {
            throw new ScriptLimitException($"The script was stopped after its time limit of {_limits.TimeLimit.TotalSeconds:0.###} s (Workflows:Scripts:TimeLimit).");
        }
        catch (MemoryLimitExceededException)
        {
            throw new ScriptLimitException($"The script was stopped after allocating more than its memory limit of {_limits.MemoryLimit / (1024.0 * 1024):0.##} MB (Workflows:Scripts:MemoryLimit).");
        }
        catch (RecursionDepthOverflowException)
        {
            throw new ScriptLimitException($"The script was stopped after nesting calls deeper than its recursion limit of {_limits.RecursionLimit} (Workflows:Scripts:RecursionLimit).");
        }
        catch (StatementsCountOverflowException)
        {
            throw new ScriptLimitException($"The script was stopped after {_limits.MaxStatements} statements (Workflows:Scripts:MaxStatements).");
        }

        return ToNode(engine, result);
    }

    /// <summary>Null when the script parses, else the parser's message (with line and column).</summary>
    public static string? CheckSyntax(string script)
    {
        try
        {
            Prepare(script);
            return null;
        }
        catch (ScriptPreparationException exception)
        {
            return ParseProblem(exception);
        }
    }

    // "Missing } in template expression (<anonymous>:1:16)" → "Missing } in template expression (line 1, column 16)".
    private static string ParseProblem(ScriptPreparationException exception)
    {
        if (exception.InnerException is not ParseErrorException parse)
        {
            return exception.Message;
        }

        var text = parse.Message;
        var at = text.LastIndexOf(" (", StringComparison.Ordinal);
        return $"{(at > 0 ? text[..at] : text)} (line {parse.LineNumber}, column {parse.Column})";
    }

    private static Prepared<Script> Prepare(string script)
    {
        if (Prepared.TryGetValue(script, out var prepared))
        {
            return prepared;
        }

        prepared = Engine.PrepareScript(script);
        if (Prepared.Count >= MaxPreparedScripts)
        {
            Prepared.Clear();
        }

        return Prepared.GetOrAdd(script, prepared);
    }

    private static bool Names(string script, string name, string function) =>
        script.Contains(name, StringComparison.Ordinal) || script.Contains(function, StringComparison.Ordinal);

    internal static JsonNode? ToNode(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        var json = new JsonSerializer(engine).Serialize(value, JsValue.Undefined, JsValue.Undefined);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }

    internal static JsValue Parse(Engine engine, JsonNode? node) => node is null ? JsValue.Null : new JsonParser(engine).Parse(node.ToJsonString());
}

/// <summary>A workflow script ran past one of its limits (time, memory, recursion, statements); retrying would do the same.</summary>
public sealed class ScriptLimitException : Exception
{
    public ScriptLimitException()
    {
    }

    public ScriptLimitException(string message)
        : base(message)
    {
    }

    public ScriptLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
