using Dapper;
using JewelHub.Storage;

namespace JewelHub.Stores.Inventory;

public sealed partial class InventoryStore
{
    private const string OrderedLevels = ThresholdLevels + " ORDER BY category";

    // The primary key decides: of two checks that see a category go low at once, exactly one inserts the row.
    private const string ClaimAlert = """
        INSERT INTO low_stock_alerts (branch, category, alert_id, available, min_quantity, raised_at)
        VALUES (@Branch, @Category, @AlertId, @Available, @MinQuantity, @RaisedAt)
        ON CONFLICT (branch, category) DO NOTHING
        """;

    private const string AlertOwner = "SELECT alert_id FROM low_stock_alerts WHERE branch = @Branch AND category = @Category";

    private const string ClearAlert = "DELETE FROM low_stock_alerts WHERE branch = @Branch AND category = @Category";

    /// <summary>
    /// Compares the branch with its thresholds and remembers which categories are low, so an alert goes out once per
    /// crossing: a category that goes below its threshold is claimed with the alert id <paramref name="alertKey"/>:category
    /// and stays claimed, raising nothing more, until a check finds it at or above its threshold again. Returns every low
    /// category; those this call claimed (or claimed before, for a replay with the same key) are marked Raised.
    /// </summary>
    public async Task<IReadOnlyList<LowStockAlert>> TrackLowStockAsync(UnitOfWork unit, string branch, string alertKey, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var levels = (await connection.QueryAsync<LowStockLine>(Command(OrderedLevels, new { Branch = branch }, transaction, cancellationToken))).AsList();
        var now = Now();
        var low = new List<LowStockAlert>();
        foreach (var level in levels)
        {
            var key = new { level.Branch, level.Category };
            if (level.Available >= level.MinQuantity)
            {
                await connection.ExecuteAsync(Command(ClearAlert, key, transaction, cancellationToken));
                continue;
            }

            var alertId = $"{alertKey}:{level.Category}";
            await connection.ExecuteAsync(Command(ClaimAlert, new
            {
                level.Branch,
                level.Category,
                AlertId = alertId,
                level.Available,
                level.MinQuantity,
                RaisedAt = now,
            }, transaction, cancellationToken));
            var owner = await connection.ExecuteScalarAsync<string>(Command(AlertOwner, key, transaction, cancellationToken));
            low.Add(new LowStockAlert(level, alertId, owner == alertId));
        }

        return low;
    }
}
