using System.Net;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Studio.Tests.Contract;

/// <summary>
/// What the studio's JavaScript editor asks for each time a JavaScript input is opened (the definition's TypeScript
/// declarations, for IntelliSense) and what the Outputs tab asks for (output converters), answered as Elsa does.
/// </summary>
public sealed class ElsaScriptingContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Model() => JsonNode.Parse("""
        {
          "definitionId": "typed-js", "name": "typed-js", "toolVersion": "3.8.2.0",
          "variables": [
            { "id": "v1", "name": "Total", "typeName": "Int32", "isArray": false, "value": "0", "storageDriverTypeName": "JewelHub.WorkflowInstance" },
            { "id": "v2", "name": "customer_name", "typeName": "String", "isArray": false, "value": "", "storageDriverTypeName": "JewelHub.WorkflowInstance" },
            { "id": "v3", "name": "Paid", "typeName": "Boolean", "isArray": false, "storageDriverTypeName": "JewelHub.WorkflowInstance" },
            { "id": "v4", "name": "Lines", "typeName": "Object", "isArray": false, "storageDriverTypeName": "JewelHub.WorkflowInstance" }
          ],
          "root": {
            "type": "Elsa.Flowchart", "version": 1, "id": "Flowchart1", "name": "Flowchart1",
            "activities": [
              { "id": "Start1", "name": "Start1", "type": "Elsa.Start", "version": 1 },
              { "id": "Pay1", "name": "Payment", "type": "Elsa.Event", "version": 1,
                "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "payment.captured" } } }
            ],
            "connections": [ { "source": { "activity": "Start1", "port": "Done" }, "target": { "activity": "Pay1", "port": "In" } } ]
          }
        }
        """)!.AsObject();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TypeDefinitions_SavedDefinition_DeclaresTypedVariablesGlobalsAndOutputs(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        await elsa.SaveAsync(new JsonObject { ["model"] = Model(), ["publish"] = false });

        // The body is what the studio sends when a JavaScript input of the Event is opened.
        using var response = await elsa.SendAsync(HttpMethod.Post, "/scripting/javascript/type-definitions/typed-js",
            new { workflowDefinitionId = "typed-js", activityTypeName = "Elsa.Event", propertyName = "eventName" });
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-typescript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("elsa.typed-js.d.ts", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        string[] declared =
        [
            "declare class WorkflowVariables {\nTotal: number;\ncustomer_name: string;\nPaid: boolean;\nLines: any;\n}",
            "declare var variables: WorkflowVariables;",
            "declare function getTotal(): number;",
            "declare function setCustomerName(value: string): void;",
            "declare function getPaid(): boolean;",
            "declare function getVariable(name: string): any;",
            "declare function setVariable(name: string, value: any);",
            "declare function getInput(name: string): any;",
            "declare function getOutputFrom(activityIdName: string, outputName?: string): any;",
            "declare function getLastResult(): any;",
            "declare function getResultFromPayment(): any;",
            "declare var input: any;",
            "declare var event: CloudEvent;",
        ];
        Assert.All(declared, d => Assert.Contains(d, text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TypeDefinitions_UnknownDefinition_RefusedNamingIt(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);

        var problem = await new ElsaClient(hub).PostAsync("/scripting/javascript/type-definitions/no-such-flow", new { }, HttpStatusCode.BadRequest);

        Assert.Contains("no-such-flow", problem["errors"]!["definitionId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OutputConverters_AsElsa_BothTypesRequiredAndNoConverters(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);

        var list = await elsa.GetAsync("/descriptors/output-converters?sourceType=Object&destinationType=String");
        var problem = await elsa.GetAsync("/descriptors/output-converters?destinationType=String", HttpStatusCode.BadRequest);

        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(0, list["count"]!.GetValue<int>());
        Assert.Equal("is required", problem["errors"]!["sourceType"]![0]!.GetValue<string>());
        Assert.Null(problem["errors"]!["destinationType"]);
    }
}
