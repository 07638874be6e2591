using System.Globalization;

namespace JewelHub.Hub.IntegrationTests.Sweep;

/// <summary>The sweep's seed: JEWELHUB_SWEEP_SEED to repeat a run, else a fresh one (printed with every failure).</summary>
internal static class SweepSeed
{
    public const string EnvironmentVariable = "JEWELHUB_SWEEP_SEED";

    public static int Next() =>
        int.TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
}
