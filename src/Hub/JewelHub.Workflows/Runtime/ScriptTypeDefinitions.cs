using System.Text;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// TypeScript declarations of what a definition's JavaScript can use, for the studio's Monaco editor: the functions of
/// <see cref="JavaScriptEvaluator"/> and <see cref="ElsaGlobals"/>, <c>get{Variable}</c>/<c>set{Variable}</c> typed by
/// each variable's type, <c>get{Output}From{Activity}</c> for each named activity's outputs, and the globals
/// <c>variables</c> (a <c>WorkflowVariables</c> class with one typed property per variable), <c>input</c>,
/// <c>event</c> and <c>outputs</c>. Functions first, then types, then variables, as Elsa writes them.
/// </summary>
public static class ScriptTypeDefinitions
{
    public static string For(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var text = new StringBuilder();
        void Function(string declaration) => text.Append("declare function ").Append(declaration).Append(";\n");

        Function("getWorkflowDefinitionId(): string");
        Function("getWorkflowInstanceId(): string");
        Function("getCorrelationId(): string");
        Function("setVariable(name: string, value: any)");
        Function("getVariable(name: string): any");
        Function("getInput(name: string): any");
        Function("getOutputFrom(activityIdName: string, outputName?: string): any");
        Function("getOutput(activityId: string, outputName: string): any");
        Function("getLastResult(): any");
        Function("isNullOrWhiteSpace(value: string): boolean");
        Function("isNullOrEmpty(value: string): boolean");
        Function("toJson(value: any): string");

        var variables = definition.Variables.Where(v => ElsaGlobals.IsIdentifier(v.Name)).ToList();
        foreach (var variable in variables)
        {
            var pascal = ElsaGlobals.Pascalize(variable.Name);
            Function($"get{pascal}(): {TypeOf(variable)}");
            Function($"set{pascal}(value: {TypeOf(variable)}): void");
        }

        foreach (var activity in definition.Activities.Where(a => a.Name is { } n && ElsaGlobals.IsIdentifier(n)))
        {
            foreach (var output in registry.Find(activity.Type)?.Outputs ?? [])
            {
                Function($"get{ElsaGlobals.Pascalize(output.Name)}From{ElsaGlobals.Pascalize(activity.Name!)}(): {TypeScript(output.TypeName)}");
            }
        }

        text.Append("declare class WorkflowVariables {\n");
        foreach (var variable in variables)
        {
            text.Append(variable.Name).Append(": ").Append(TypeOf(variable)).Append(";\n");
        }

        text.Append("}\n");
        text.Append("declare class CloudEvent {\nid: string;\nsource: string;\ntype: string;\nsubject?: string;\ntime?: string;\ndata: any;\n}\n");
        text.Append("declare var variables: WorkflowVariables;\n");
        text.Append("declare var input: any;\n");
        text.Append("declare var event: CloudEvent;\n");
        text.Append("declare var outputs: { [activityId: string]: { [outputName: string]: any } };\n");
        return text.ToString();
    }

    private static string TypeOf(VariableDefinition variable) => TypeScript(variable.TypeName);

    // Elsa's variable type names (Elsa aliases, or a CLR name) as TypeScript types; arrays as T[].
    private static string TypeScript(string typeName)
    {
        if (typeName.EndsWith("[]", StringComparison.Ordinal))
        {
            return TypeScript(typeName[..^2]) + "[]";
        }

        return typeName switch
        {
            "String" or "Guid" or "Char" => "string",
            "Int32" or "Int64" or "Int16" or "Decimal" or "Double" or "Single" or "Byte" => "number",
            "Boolean" => "boolean",
            "DateTimeOffset" or "DateTime" or "TimeSpan" => "string",
            _ => "any",
        };
    }
}
