using System.Net;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Testing;
using JewelHub.Workflows.ActivityModel;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Studio.Tests.Contract;

/// <summary>Definition endpoints of /elsa/api against the shapes and semantics the genuine studio relies on.</summary>
public sealed class ElsaDefinitionContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task List_StudioQuery_AnswersExampleShapeWithEditLinks(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        await elsa.SaveAsync(Runnable(hub, "contract-list"));

        var list = await elsa.GetAsync("/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending");

        ContractShape.Matches(ContractShape.Example("GET_workflow-definitions.json"), list);
        Assert.Contains(list["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "bulk-publish");
        var row = Assert.Single(list["items"]!.AsArray(), i => i!["definitionId"]!.GetValue<string>() == "contract-list")!;
        Assert.Contains(row["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "publish");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task List_FiltersAndOrders_AsTheStudioAsks(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, NoShippedWorkflows());
        var elsa = new ElsaClient(hub);
        foreach (var (id, name) in new[] { ("f-a", "Alpha ring flow"), ("f-b", "Bravo bangle flow"), ("f-c", "Charlie chain flow") })
        {
            var body = Runnable(hub, id);
            body["model"]!["name"] = name;
            await elsa.SaveAsync(body);
        }

        await elsa.PostAsync("/workflow-definitions/f-b/publish", null);
        await elsa.SaveAsync(WithName(Runnable(hub, "f-b"), "Bravo bangle flow"));

        var page = await elsa.GetAsync("/workflow-definitions?versionOptions=Latest&Page=1&PageSize=1&OrderBy=Name&OrderDirection=Descending");
        var search = await elsa.GetAsync("/workflow-definitions?versionOptions=Latest&SearchTerm=bangle");
        var versions = await elsa.GetAsync("/workflow-definitions?versionOptions=AllVersions&DefinitionIds=f-b&OrderBy=Version&OrderDirection=Descending");
        var published = await elsa.GetAsync("/workflow-definitions?versionOptions=Published&DefinitionIds=f-a&DefinitionIds=f-b");
        var byIds = await elsa.GetAsync("/workflow-definitions?versionOptions=&Ids=f-a-v1&Ids=f-b-v1");
        var caseInsensitive = await elsa.GetAsync("/workflow-definitions?VERSIONOPTIONS=Latest&pagesize=2&page=0&orderby=name");

        Assert.Equal(3, page["totalCount"]!.GetValue<int>());
        Assert.Equal("f-b", page["items"]![0]!["definitionId"]!.GetValue<string>());
        Assert.Equal(["f-b"], search["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()));
        Assert.Equal([2, 1], versions["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
        Assert.Equal(["f-b-v1"], published["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(2, byIds["totalCount"]!.GetValue<int>());
        Assert.Equal(["f-a", "f-b"], caseInsensitive["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task List_RepeatedWhileDefinitionsChange_NeverAnswersAStaleList(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, NoShippedWorkflows());
        var elsa = new ElsaClient(hub);
        const string Query = "/workflow-definitions?versionOptions=LatestOrPublished";
        await elsa.SaveAsync(Runnable(hub, "etag-a"));
        var (first, etag) = await ListWithETagAsync(Query);

        using var notModified = await ConditionalGetAsync(Query, etag);
        await elsa.PostAsync("/workflow-definitions/etag-a/publish", null);
        var (afterPublish, publishedEtag) = await ListWithETagAsync(Query);
        await elsa.SaveAsync(WithName(Runnable(hub, "etag-a"), "Renamed draft"));
        var (afterSave, _) = await ListWithETagAsync(Query);
        await elsa.PostAsync("/workflow-definitions/etag-a/retract", null);
        var (afterRetract, _) = await ListWithETagAsync(Query);
        using var deleted = await elsa.SendAsync(HttpMethod.Delete, "/workflow-definitions/etag-a");
        var (afterDelete, _) = await ListWithETagAsync(Query);
        using var stale = await ConditionalGetAsync(Query, publishedEtag);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal([(1, true, false)], Rows(first));
        Assert.NotEqual(etag, publishedEtag);
        Assert.Equal([(1, true, true)], Rows(afterPublish));
        Assert.Equal([(2, true, false), (1, false, true)], Rows(afterSave));
        Assert.Contains(afterSave["items"]!.AsArray(), i => i!["version"]!.GetValue<int>() == 2 && i["name"]!.GetValue<string>() == "Renamed draft");
        Assert.Equal([(2, true, false)], Rows(afterRetract));
        Assert.Empty(Rows(afterDelete));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);

        async Task<(JsonNode List, string ETag)> ListWithETagAsync(string path)
        {
            using var response = await hub.Client.GetAsync(ElsaClient.Base + path, Ct);
            var etagHeader = response.Headers.ETag?.Tag;
            Assert.False(string.IsNullOrEmpty(etagHeader), "the list answers an ETag");
            return (await ElsaClient.ReadAsync(response, HttpStatusCode.OK), etagHeader);
        }

        async Task<HttpResponseMessage> ConditionalGetAsync(string path, string tag)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ElsaClient.Base + path);
            request.Headers.TryAddWithoutValidation("If-None-Match", tag);
            return await hub.Client.SendAsync(request, Ct);
        }

        static List<(int, bool, bool)> Rows(JsonNode list) => list["items"]!.AsArray()
            .Select(i => (i!["version"]!.GetValue<int>(), i["isLatest"]!.GetValue<bool>(), i["isPublished"]!.GetValue<bool>()))
            .OrderByDescending(row => row.Item1)
            .ToList();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Save_ObservedStudioBodies_FollowElsaVersionRules(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        var first = Runnable(hub, "def-reserve-stock");
        first["publish"] = true;

        var v1 = await elsa.PostAsync("/workflow-definitions", first);
        var v2 = await elsa.SaveAsync(StudioBodies.Observed(1));
        var v2Again = await elsa.SaveAsync(StudioBodies.Observed(1));
        var versionsBeforePublish = await elsa.GetAsync("/workflow-definitions?versionOptions=AllVersions&DefinitionIds=def-reserve-stock");
        var published = await elsa.PostAsync("/workflow-definitions", Runnable(hub, "def-reserve-stock", index: 2));
        var v1After = await elsa.GetAsync("/workflow-definitions/by-definition-id/def-reserve-stock?versionOptions=1");

        ContractShape.Matches(ContractShape.Example("GET_by-definition-id.json"), v1["workflowDefinition"]);
        Assert.Equal((1, true, true), Version(v1["workflowDefinition"]!));
        Assert.Equal((2, true, false), Version(v2));
        Assert.Equal(v2["id"]!.GetValue<string>(), v2Again["id"]!.GetValue<string>());
        Assert.Equal(2, versionsBeforePublish["totalCount"]!.GetValue<int>());
        Assert.Equal((2, true, true), Version(published["workflowDefinition"]!));
        Assert.Equal((1, false, false), Version(v1After));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Save_CreateDialogBody_AssignsIdsAndNormalisesRoot(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);

        var created = await elsa.SaveAsync(StudioBodies.Observed(3));
        var definitionId = created["definitionId"]!.GetValue<string>();
        var read = await elsa.GetAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");

        Assert.False(string.IsNullOrEmpty(created["id"]!.GetValue<string>()));
        Assert.DoesNotContain(':', definitionId);
        Assert.DoesNotContain('/', definitionId);
        var root = read["root"]!.AsObject();
        Assert.Equal("Workflow1:" + root["id"]!.GetValue<string>(), root["nodeId"]!.GetValue<string>());
        Assert.IsType<JsonArray>(root["activities"], exactMatch: false);
        Assert.IsType<JsonArray>(root["connections"], exactMatch: false);
        Assert.IsType<JsonArray>(root["variables"], exactMatch: false);
        Assert.Equal("Ring resizing", read["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Save_FreshlyDroppedActivities_GetNodeIdsDescriptorDefaultsAndTrigger(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        var body = StudioBodies.Observed(3);
        var root = body["model"]!["root"]!.AsObject();
        root["activities"] = new JsonArray(
            Dropped("a1b2c3d4e5f60718", "Elsa.Event", "Event1"),
            Dropped("0f1e2d3c4b5a6978", "Elsa.Delay", "Delay1"),
            Dropped("1122334455667788", "Elsa.WriteLine", "WriteLine1"));
        root["connections"] = new JsonArray(Connection("a1b2c3d4e5f60718", "0f1e2d3c4b5a6978"));

        var saved = await elsa.SaveAsync(body);

        var activities = saved["root"]!["activities"]!.AsArray().ToDictionary(a => a!["id"]!.GetValue<string>(), a => a!.AsObject());
        var rootNodeId = saved["root"]!["nodeId"]!.GetValue<string>();
        Assert.All(activities, a => Assert.Equal($"{rootNodeId}:{a.Key}", a.Value["nodeId"]!.GetValue<string>()));
        Assert.Equal("00:01:00", activities["0f1e2d3c4b5a6978"]["timeSpan"]!["expression"]!["value"]!.GetValue<string>());
        Assert.Equal("Literal", activities["0f1e2d3c4b5a6978"]["timeSpan"]!["expression"]!["type"]!.GetValue<string>());
        Assert.Equal("", activities["1122334455667788"]["text"]!["expression"]!["value"]!.GetValue<string>());
        Assert.True(activities["a1b2c3d4e5f60718"]["customProperties"]!["canStartWorkflow"]!.GetValue<bool>());
        Assert.False(activities["0f1e2d3c4b5a6978"]["customProperties"]!["canStartWorkflow"]!.GetValue<bool>());
        Assert.Equal(200, activities["1122334455667788"]["metadata"]!["designer"]!["position"]!["x"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PublishAndRetract_FromTheList_AnswerModelsAndRefuseBrokenFlows(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        await elsa.SaveAsync(Runnable(hub, "p-ok"));
        var broken = StudioBodies.Observed(0);
        broken["model"]!["definitionId"] = "p-broken";
        await elsa.SaveAsync(broken);

        var publish = await elsa.PostAsync("/workflow-definitions/p-ok/publish", null);
        var again = await elsa.PostAsync("/workflow-definitions/p-ok/publish", null);
        var refused = await elsa.PostAsync("/workflow-definitions/p-broken/publish", null, HttpStatusCode.BadRequest);
        var retract = await elsa.PostAsync("/workflow-definitions/p-ok/retract", null);
        var missing = await elsa.PostAsync("/workflow-definitions/nope/publish", null, HttpStatusCode.NotFound);

        Assert.True(publish["workflowDefinition"]!["isPublished"]!.GetValue<bool>());
        Assert.False(publish["alreadyPublished"]!.GetValue<bool>());
        Assert.Equal(0, publish["consumingWorkflowCount"]!.GetValue<int>());
        Assert.Empty(publish["validationErrors"]!.AsArray());
        Assert.True(again["alreadyPublished"]!.GetValue<bool>());
        Assert.Contains(refused["validationErrors"]!.AsArray(), e => e!["activityId"]?.GetValue<string>() == "ReserveStock1" || e!["message"]!.GetValue<string>().Contains("JewelHub", StringComparison.Ordinal));
        Assert.False(retract["isPublished"]!.GetValue<bool>());
        ContractShape.Matches(ContractShape.Example("GET_by-definition-id.json"), retract);
        Assert.NotNull(missing);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BulkActionsDeleteNameCheck_AnswerElsaShapes(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, NoShippedWorkflows());
        var elsa = new ElsaClient(hub);
        await elsa.SaveAsync(WithName(Runnable(hub, "b-1"), "Bulk one"));
        await elsa.SaveAsync(WithName(Runnable(hub, "b-2"), "Bulk two"));

        var unique = await elsa.GetAsync("/workflow-definitions/validation/is-name-unique?name=Bulk%20three");
        var taken = await elsa.GetAsync("/workflow-definitions/validation/is-name-unique?name=bulk%20one");
        var ownName = await elsa.GetAsync("/workflow-definitions/validation/is-name-unique?name=Bulk%20one&definitionId=b-1");
        var published = await elsa.PostAsync("/bulk-actions/publish/workflow-definitions/by-definition-ids", new { definitionIds = (List<string>)["b-1", "b-2", "b-x"] });
        var retracted = await elsa.PostAsync("/bulk-actions/retract/workflow-definitions/by-definition-ids", new { definitionIds = (List<string>)["b-1", "b-x"] });
        using var deleteOne = await elsa.SendAsync(HttpMethod.Delete, "/workflow-definitions/b-2");
        var deleted = await elsa.PostAsync("/bulk-actions/delete/workflow-definitions/by-definition-id", new { definitionIds = (List<string>)["b-1", "b-2"] });
        var left = await elsa.GetAsync("/workflow-definitions?versionOptions=Latest");

        Assert.True(unique["isUnique"]!.GetValue<bool>());
        Assert.False(taken["isUnique"]!.GetValue<bool>());
        Assert.True(ownName["isUnique"]!.GetValue<bool>());
        Assert.Equal(["b-1", "b-2"], published["published"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["b-x"], published["notFound"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(published["alreadyPublished"]!.AsArray());
        Assert.Empty(published["updatedConsumers"]!.AsArray());
        Assert.Equal(["b-1"], retracted["retracted"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["b-x"], retracted["notFound"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(retracted["alreadyRetracted"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, deleteOne.StatusCode);
        Assert.Equal(1, deleted["deleted"]!.GetValue<int>());
        Assert.Equal(0, left["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ExportThenImport_GivesTheFileWorkflowsHoldsAndTheSameFlow(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        var saved = await elsa.SaveAsync(Runnable(hub, "x-flow"));

        using var export = await elsa.SendAsync(HttpMethod.Get, "/workflow-definitions/x-flow/export");
        var file = (await ElsaClient.ReadAsync(export, HttpStatusCode.OK)).AsObject();
        var reader = hub.Services.GetRequiredService<JewelHub.Workflows.Definitions.DefinitionReader>();
        var fromFile = reader.Read(file.ToJsonString(), "x-flow.json");
        file["definitionId"] = "x-copy";
        var imported = await elsa.PostAsync("/workflow-definitions/import", file);

        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.All((List<string>)["id", "version", "isLatest", "isPublished", "createdAt", "links"], field => Assert.False(file.ContainsKey(field), field));
        Assert.Equal("x-flow", fromFile.DefinitionId);
        Assert.Equal(saved["root"]!["activities"]!.AsArray().Count, fromFile.Activities.Count);
        Assert.Equal((1, true, false), Version(imported));
        Assert.True(JsonNode.DeepEquals(saved["root"], imported["root"]));
    }

    internal static JsonObject Runnable(HubServer hub, string definitionId, int index = 0) =>
        StudioBodies.Runnable(index, hub.Services.GetRequiredService<ActivityRegistry>(), definitionId);

    private static JsonObject WithName(JsonObject body, string name)
    {
        body["model"]!["name"] = name;
        return body;
    }

    private static (int Version, bool IsLatest, bool IsPublished) Version(JsonNode model) =>
        (model["version"]!.GetValue<int>(), model["isLatest"]!.GetValue<bool>(), model["isPublished"]!.GetValue<bool>());

    private static JsonObject Dropped(string id, string type, string name) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["type"] = type,
        ["version"] = 1,
        ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 200, ["y"] = 40 } } },
    };

    private static JsonObject Connection(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    /// <summary>Settings for a hub that loads no shipped workflow, for tests that count every stored definition.</summary>
    private static Dictionary<string, string?> NoShippedWorkflows()
    {
        var folder = Path.Combine(Path.GetTempPath(), "jewelhub-no-workflows-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new Dictionary<string, string?> { ["Workflows:Folder"] = folder };
    }
}
