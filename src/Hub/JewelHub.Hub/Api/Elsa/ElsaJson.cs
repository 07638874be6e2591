using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>
/// The JSON Elsa Studio reads: camelCase (its client is case-sensitive), enums as strings, nulls written out.
/// </summary>
internal static class ElsaJson
{
    /// <remarks>
    /// Only ever used to write: `required` on the runtime's descriptor records says what code must set, not what JSON
    /// must carry, and it would refuse the properties those records keep out of the JSON.
    /// </remarks>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NothingRequired } },
    };

    private static void NothingRequired(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            property.IsRequired = false;
        }
    }

    /// <summary>200 with the value in Elsa's JSON conventions.</summary>
    public static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, Options);

    /// <summary>Elsa's `{ items, count }` list shape.</summary>
    public static JsonHttpResult<ListResponse<T>> List<T>(IReadOnlyList<T> items) => Ok(new ListResponse<T>(items, items.Count));
}

/// <summary>Elsa's plain list: every item and how many there are.</summary>
internal sealed record ListResponse<T>(IReadOnlyList<T> Items, int Count);

/// <summary>Elsa's paged list: one page of items and how many match in all.</summary>
internal sealed record PagedResponse<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>A HATEOAS link; Elsa Studio decides what is editable from the rels it finds.</summary>
internal sealed record LinkResponse(string Href, string Rel, string Method);
