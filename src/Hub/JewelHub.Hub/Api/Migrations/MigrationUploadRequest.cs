namespace JewelHub.Hub.Api.Migrations;

/// <summary>
/// The form POST /api/migrations reads (documented in OpenAPI; the endpoint reads the form itself so that each missing
/// or malformed part is named in the answer).
/// </summary>
/// <param name="File">The legacy CSV file.</param>
/// <param name="Entity">customers, pieces, stock-levels or sales.</param>
/// <param name="Map">The id of a loaded map, e.g. legacy-pos.customer.in.</param>
/// <param name="LiveEffects">true to publish events and start workflows for imported records; default false.</param>
/// <param name="Delimiter">The field delimiter: one character, \t for a tab; detected from the header (, ; tab |) when absent.</param>
/// <param name="Encoding">The file's encoding, e.g. utf-8 (the default), windows-1252, iso-8859-1, or a code page number.</param>
public sealed record MigrationUploadRequest(IFormFile File, string Entity, string Map, bool? LiveEffects, string? Delimiter, string? Encoding);
