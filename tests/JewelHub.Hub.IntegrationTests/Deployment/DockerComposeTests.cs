using JewelHub.Hub.IntegrationTests.Architecture;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace JewelHub.Hub.IntegrationTests.Deployment;

/// <summary>No Docker engine runs in CI, so the compose file is checked for what users rely on.</summary>
public sealed class DockerComposeTests
{
    [Fact]
    public void Compose_HubPostgresSeq_HealthChecksVolumesAndWiring()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(DependencyRulesTests.RepositoryRoot(), "docker-compose.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var services = (YamlMappingNode)root["services"];
        var volumes = ((YamlMappingNode)root["volumes"]).Children.Keys.Select(key => key.ToString()).ToHashSet();

        Assert.Equal(["hub", "postgres", "seq"], services.Children.Keys.Select(key => key.ToString()).Order());
        foreach (var (name, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            Assert.True(service.Children.ContainsKey("healthcheck"), $"{name} has no healthcheck");
            var mounts = (YamlSequenceNode)service["volumes"];
            Assert.All(mounts, mount => Assert.Contains(mount.ToString().Split(':')[0], volumes));
        }

        Assert.Equal("postgres:15", services["postgres"]["image"].ToString());
        var hub = (YamlMappingNode)services["hub"];
        Assert.Equal("service_healthy", hub["depends_on"]["postgres"]["condition"].ToString());
        var environment = (YamlMappingNode)hub["environment"];
        Assert.Equal("Postgres", environment["Database__Provider"].ToString());
        Assert.Contains("Host=postgres", environment["ConnectionStrings__Hub"].ToString(), StringComparison.Ordinal);
        Assert.Contains("seq", environment["Telemetry__OtlpEndpoint"].ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(DependencyRulesTests.RepositoryRoot(), hub["build"]["dockerfile"].ToString())));
    }
}
