using JewelHub.Workflows.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Definitions;

/// <summary>
/// Loads every workflows/*.json file as the published version of its definition when the hub starts, idempotent by
/// definition id and content. An invalid file stops the hub with a message naming the file, activity and problem.
/// </summary>
public sealed class WorkflowDefinitionLoader(
    DefinitionReader reader,
    WorkflowDefinitionStore store,
    IOptions<WorkflowOptions> options,
    ILogger<WorkflowDefinitionLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (definition, _) in await LoadFolderAsync(options.Value.Folder, cancellationToken))
        {
            WorkflowsLog.DefinitionLoaded(logger, definition.DefinitionId, definition.Version, definition.Origin ?? "");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads, validates and publishes every JSON file of a folder; all files are checked before any is stored.</summary>
    public async Task<IReadOnlyList<(StoredDefinition Definition, bool Created)>> LoadFolderAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var definitions = new List<WorkflowDefinition>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            definitions.Add(reader.Read(await File.ReadAllTextAsync(file, cancellationToken), Path.GetFileName(file)));
        }

        var loaded = new List<(StoredDefinition, bool)>();
        foreach (var definition in definitions)
        {
            loaded.Add(await store.ImportPublishedAsync(definition, cancellationToken));
        }

        return loaded;
    }
}
