using System.Runtime.CompilerServices;
using JewelHub.Hub.Api.Workflows;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Architecture;

/// <summary>
/// The records of an API area are its HTTP models: one it reads ends in Request, one it writes ends in Response,
/// also when it is only a part of another body (a journal line, a link).
/// </summary>
public sealed class HttpModelNamingTests
{
    /// <summary>The areas that follow the convention so far.</summary>
    public static TheoryData<string> Areas => ["Workflows", "Elsa", "Migrations", "Auth", "Crm"];

    /// <summary>Records that are not bodies: the definition list cache keeps a body's bytes, already written.</summary>
    private static readonly HashSet<string> NotModels = new(StringComparer.Ordinal) { "DefinitionListBody" };

    [Theory]
    [MemberData(nameof(Areas))]
    public void Records_InAnApiArea_EndInRequestOrResponse(string area)
    {
        var models = typeof(WorkflowEndpoints).Assembly.GetTypes()
            .Where(t => t.Namespace == $"JewelHub.Hub.Api.{area}" && IsRecord(t) && !NotModels.Contains(t.Name))
            .Select(t => t.Name.Split('`')[0])
            .ToList();

        Assert.All(models, name => Assert.True(
            name.EndsWith("Request", StringComparison.Ordinal) || name.EndsWith("Response", StringComparison.Ordinal),
            $"{area}: {name} should end in Request (a body read) or Response (a body written)"));
    }

    [Fact]
    public void Records_InTheWorkflowsArea_AreFound() =>
        Assert.Contains(typeof(WorkflowEndpoints).Assembly.GetTypes(), t => t.Namespace == "JewelHub.Hub.Api.Workflows" && IsRecord(t));

    // The compiler gives every record a clone method named <Clone>$.
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null && !type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);
}
