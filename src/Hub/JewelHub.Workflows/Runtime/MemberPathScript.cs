using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Answers the commonest scripts, a plain member path such as <c>variables.OrderId</c> or <c>input.customer.phone</c>,
/// straight from the JSON they name, without starting a JavaScript engine. Anything else, and any path that JavaScript
/// would answer differently from a JSON look-up (an array, or a missing object part way along, which throws there), is
/// left to the engine.
/// </summary>
internal static partial class MemberPathScript
{
    /// <summary>True, with the value as a fresh node (null for undefined or null), when <paramref name="script"/> is a path this can answer.</summary>
    public static bool TryEvaluate(string script, EvaluationScope scope, out JsonNode? value)
    {
        value = null;
        var match = Path().Match(script);
        if (!match.Success)
        {
            return false;
        }

        var names = match.Groups["member"].Captures;
        JsonNode? current;
        var next = 0;
        switch (match.Groups["root"].Value)
        {
            case "variables":
                current = scope.Variables.TryGetValue(names[0].Value, out var variable) ? variable : null;
                next = 1;
                break;
            case "input":
                current = scope.Event is JsonObject triggering ? triggering["data"] : null;
                if (current is null)
                {
                    return false;
                }

                break;
            default:
                current = scope.Event;
                if (current is null)
                {
                    return false;
                }

                break;
        }

        for (; next < names.Count; next++)
        {
            if (current is not JsonObject parent)
            {
                // JavaScript throws for a member of undefined or null, and reads strings and arrays differently.
                return false;
            }

            current = parent[names[next].Value];
        }

        // A string, number or boolean reads the same in JavaScript; an array or object is copied as the engine would.
        value = current?.DeepClone();
        return true;
    }

    [GeneratedRegex(@"^\s*(?<root>variables|input|event)(?:\.(?<member>[A-Za-z_$][A-Za-z0-9_$]*))+\s*;?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Path();
}
