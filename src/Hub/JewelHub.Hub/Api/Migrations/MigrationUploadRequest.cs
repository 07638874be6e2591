namespace JewelHub.Hub.Api.Migrations;

/// <summary>
/// The form POST /api/migrations reads (documented in OpenAPI; the endpoint reads the form itself so that each missing
/// or malformed part is named in the answer).
/// </summary>
/// <param name="File">The legacy CSV file.</param>
/// <param name="Entity">customers, pieces, stock-levels or sales.</param>
/// <param name="Map">The id of a loaded map, e.g. legacy-pos.customer.in.</param>
/// <param name="LiveEffects">true to publish events and start workflows for imported records; default false.</param>
public sealed record MigrationUploadRequest(IFormFile File, string Entity, string Map, bool? LiveEffects);
