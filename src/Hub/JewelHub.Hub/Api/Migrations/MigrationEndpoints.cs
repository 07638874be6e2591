using System.Text;
using JewelHub.Hub.Hosting;
using JewelHub.Hub.Importing;
using JewelHub.Mappings.Loading;
using JewelHub.Stores.Importing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Api.Migrations;

/// <summary>
/// Bulk migration of legacy CSV files for admins: upload (runs in the background, same code as the CLI), status with
/// progress and counts, and the rejects file.
/// </summary>
public static class MigrationEndpoints
{
    public static RouteGroupBuilder MapMigrationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/migrations").WithTags("Migrations");
        // Callers authenticate with the admin API key, not a browser cookie, so there is no cross-site form to forge.
        group.MapPost("/", StartAsync).WithName("StartMigration").DisableAntiforgery()
            .Accepts<MigrationUploadRequest>("multipart/form-data")
            .Produces<MigrationResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{id}", GetAsync).WithName("GetMigration");
        group.MapGet("/{id}/rejects", RejectsAsync).WithName("GetMigrationRejects");
        return group;
    }

    /// <summary>
    /// Stores the upload, creates (or resumes) the durable job and queues it: 202 with the job. Form fields: file, entity
    /// (customers, pieces, stock-levels, sales), map, and optionally liveEffects (true/false, default false), delimiter
    /// (one character, \t for a tab; detected from the header when absent) and encoding (default utf-8).
    /// </summary>
    private static async Task<IResult> StartAsync(
        HttpRequest request, ImportRunner runner, MapCatalog maps, ImportStore store, ImportInbox queue,
        IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return FieldErrors.One("body", "must be multipart/form-data with file, entity and map");
        }

        if (await ReadFormAsync(request, cancellationToken) is not { } form)
        {
            return FieldErrors.One("body", "is not complete multipart/form-data (cut off, or its parts do not use the boundary its Content-Type names)");
        }

        var errors = new FieldErrors();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "is required (a CSV file)");
        }

        var entity = form["entity"].ToString();
        var mapId = form["map"].ToString();
        var liveEffects = false;
        if (form.TryGetValue("liveEffects", out var live) && !bool.TryParse(live.ToString(), out liveEffects))
        {
            errors.Add("liveEffects", "must be true or false");
        }

        var delimiterText = form["delimiter"].ToString();
        if (!CsvReading.TryParseDelimiter(delimiterText, out var delimiter, out var delimiterError))
        {
            errors.Add("delimiter", delimiterError!);
        }

        var encoding = form.TryGetValue("encoding", out var encodingValue) && !string.IsNullOrWhiteSpace(encodingValue.ToString()) ? encodingValue.ToString().Trim() : "utf-8";
        if (!CsvReading.TryGetEncoding(encoding, out _, out var encodingError))
        {
            errors.Add("encoding", encodingError!);
        }

        if (errors.Required(entity, "entity") && !runner.Entities.Contains(entity))
        {
            errors.Add("entity", $"must be one of {string.Join(", ", runner.Entities)}");
        }

        if (errors.Required(mapId, "map") && !maps.TryGet(mapId, out _))
        {
            errors.Add("map", $"'{mapId}' is not a loaded map");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        Directory.CreateDirectory(options.Value.UploadFolder);
        var path = Path.GetFullPath(Path.Combine(options.Value.UploadFolder, Guid.NewGuid().ToString("N") + ".csv"));
        await using (var target = File.Create(path))
        {
            await file!.CopyToAsync(target, cancellationToken);
        }

        var job = await store.StartAsync(new ImportJobStart(entity, mapId, file!.FileName, path, await Sha256Async(path, cancellationToken), liveEffects, ImportStatus.Queued,
            delimiter?.ToString(), encoding), cancellationToken);
        await queue.EnqueueAsync(job.Id, ImportRequest.ForUpload(job, options.Value.BatchSize), cancellationToken);
        return TypedResults.Accepted($"/api/migrations/{job.Id}", MigrationResponse.From(job));
    }

    /// <summary>
    /// The form, or null when the multipart body is malformed. A part over the form limits is a 413, like a body over
    /// the server's limit (which the framework reports itself).
    /// </summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException limit) when (limit.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("A part of the form is larger than the hub accepts.", StatusCodes.Status413PayloadTooLarge, limit);
        }
        catch (Exception malformed) when (malformed is InvalidDataException or (IOException and not BadHttpRequestException))
        {
            return null;
        }
    }

    private static async Task<Results<Ok<MigrationResponse>, NotFound>> GetAsync(string id, ImportStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } job ? TypedResults.Ok(MigrationResponse.From(job)) : TypedResults.NotFound();

    /// <summary>The rejects CSV: the original header and rows unchanged, each with its row number, column(s) and reason.</summary>
    private static async Task<IResult> RejectsAsync(string id, ImportStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } job)
        {
            return TypedResults.NotFound();
        }

        var (header, delimiter) = RejectsFile.HeaderOf(ImportRequest.ForUpload(job, 1));
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        await using (var rejects = new RejectsFile(writer, header, delimiter))
        {
            await rejects.WriteJobAsync(store, id, cancellationToken);
        }

        return TypedResults.File(buffer.ToArray(), "text/csv", $"{Path.GetFileNameWithoutExtension(job.FileName)}.rejects.csv");
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken));
    }
}
