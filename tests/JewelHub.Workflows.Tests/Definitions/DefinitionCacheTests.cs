using JewelHub.Storage;
using JewelHub.Testing;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Workflows.Tests.Definitions;

/// <summary>Parsed definitions a hub keeps, when another hub on the same database changes them.</summary>
public sealed class DefinitionCacheTests
{
    private static FlowJson Draft(string text) => new FlowJson("shared-draft")
        .Activity("Start1", "Elsa.Start")
        .Activity("Write1", "Elsa.WriteLine", ("text", "Literal", text))
        .Connect("Start1", "Done", "Write1");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DraftSavedThroughAnotherHub_LoadedHereAsSavedWithinASecond(DatabaseProvider provider)
    {
        // Arrange: two hubs on one database; this one has parsed the draft as first saved through the other.
        var ct = TestContext.Current.CancellationToken;
        await using var other = await WorkflowHub.StartAsync(provider, [], ct);
        var here = await HubServer.StartAsync(other.Server.Database, ct, WorkflowHub.Settings(other.Folder));
        try
        {
            var otherStore = other.Server.Services.GetRequiredService<WorkflowDefinitionStore>();
            var store = here.Services.GetRequiredService<WorkflowDefinitionStore>();
            var first = await otherStore.SaveAsync(Draft("first").Build(), publish: false, ct);
            Assert.Equal(first.ContentHash, (await store.LoadVersionAsync(first.Id, ct))!.Value.Stored.ContentHash);

            // Act: the draft is edited in place through the other hub.
            var second = await otherStore.SaveAsync(Draft("second").Build(), publish: false, ct);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var loaded = await store.LoadVersionAsync(first.Id, ct);
            while (loaded!.Value.Stored.ContentHash != second.ContentHash && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(100, ct);
                loaded = await store.LoadVersionAsync(first.Id, ct);
            }

            // Assert: the same version, now parsed from the second save.
            Assert.Equal(first.Id, second.Id);
            Assert.Equal(second.ContentHash, loaded.Value.Stored.ContentHash);
            Assert.Contains("second", loaded.Value.Parsed.Model.ToJsonString(), StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"seen after {clock.Elapsed}");
        }
        finally
        {
            await here.StopAsync();
        }
    }
}
