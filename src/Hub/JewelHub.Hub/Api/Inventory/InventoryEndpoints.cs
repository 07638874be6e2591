using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Stores.Inventory;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>Pieces, stock items, branch stock, receipts, adjustments, thresholds and reservations.</summary>
public static class InventoryEndpoints
{
    public static RouteGroupBuilder MapInventoryEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").WithTags("Inventory");
        group.MapPost("/pieces", CreatePieceAsync).WithName("CreatePiece");
        group.MapGet("/pieces", SearchPiecesAsync).WithName("SearchPieces");
        // A catch-all so that SKUs with '/' (allowed on tags) can be looked up as they are or URL-encoded in one segment.
        group.MapGet("/pieces/{**sku}", GetPieceAsync).WithName("GetPiece");
        group.MapPost("/stock-items", CreateStockItemAsync).WithName("CreateStockItem");
        group.MapGet("/stock-items", SearchStockItemsAsync).WithName("SearchStockItems");
        group.MapGet("/stock-items/{**sku}", GetStockItemAsync).WithName("GetStockItem");
        group.MapGet("/stock", StockEndpoints.BranchStockAsync).WithName("BranchStock");
        group.MapPost("/stock/receipts", StockEndpoints.ReceiveAsync).WithName("ReceiveStock");
        group.MapPost("/stock/adjustments", StockEndpoints.AdjustAsync).WithName("AdjustStock");
        group.MapPut("/stock/thresholds", StockEndpoints.SetThresholdAsync).WithName("SetLowStockThreshold");
        group.MapGet("/stock/low", StockEndpoints.LowStockAsync).WithName("LowStock");
        group.MapPost("/reservations", ReservationEndpoints.ReserveAsync).WithName("Reserve");
        group.MapGet("/reservations/{orderId}", ReservationEndpoints.GetAsync).WithName("GetReservation");
        group.MapDelete("/reservations/{orderId}", ReservationEndpoints.ReleaseAsync).WithName("ReleaseReservation");
        group.MapPost("/reservations/{orderId}/commit", ReservationEndpoints.CommitAsync).WithName("CommitReservation");
        return group;
    }

    /// <summary>Tags a new piece into its branch: 201, or 409 naming sku or huid when either is already in stock.</summary>
    private static async Task<IResult> CreatePieceAsync(PieceRequest? body, InventoryStore store, Database db, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        if (body.Validate(errors, "") is not { } piece || errors.Any)
        {
            return errors.ToProblem();
        }

        return await db.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, piece, ct), cancellationToken) switch
        {
            CreatePieceResult.DuplicateSku => ConflictProblem.For("sku", $"{piece.Sku} is already in stock", "Duplicate SKU."),
            // A HUID is unique across all stock: a second piece with it is bad input, not a state conflict.
            CreatePieceResult.DuplicateHuid => FieldErrors.One("huid", $"{piece.Huid} is already on another piece"),
            _ => TypedResults.Created($"/api/pieces/{Uri.EscapeDataString(piece.Sku.Value)}", PieceResponse.From(piece)),
        };
    }

    /// <summary>The pieces whose attributes (the old system's columns a migration kept) have the key, and with value also that value.</summary>
    private static async Task<IResult> SearchPiecesAsync(string? attribute, string? value, int? limit, InventoryStore store, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        AttributeQuery.Check(errors, attribute, value, limit);
        return errors.Any
            ? errors.ToProblem()
            : TypedResults.Ok(new PieceListResponse((await store.FindPiecesByAttributeAsync(attribute!, value, limit ?? AttributeQuery.DefaultLimit, cancellationToken))
                .Select(PieceResponse.From).ToList()));
    }

    /// <summary>The stock items whose attributes have the key, and with value also that value.</summary>
    private static async Task<IResult> SearchStockItemsAsync(string? attribute, string? value, int? limit, InventoryStore store, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        AttributeQuery.Check(errors, attribute, value, limit);
        return errors.Any
            ? errors.ToProblem()
            : TypedResults.Ok(new StockItemListResponse((await store.FindStockItemsByAttributeAsync(attribute!, value, limit ?? AttributeQuery.DefaultLimit, cancellationToken))
                .Select(StockItemResponse.From).ToList()));
    }

    private static async Task<IResult> GetPieceAsync(string sku, InventoryStore store, CancellationToken cancellationToken) =>
        await store.GetPieceAsync(Uri.UnescapeDataString(sku), cancellationToken) is { } piece ? TypedResults.Ok(PieceResponse.From(piece)) : TypedResults.NotFound();

    /// <summary>Defines a fungible stock item: 201, or 409 naming sku when the SKU is taken.</summary>
    private static async Task<IResult> CreateStockItemAsync(StockItemRequest? body, InventoryStore store, Database db, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        if (body.Validate(errors) is not { } item || errors.Any)
        {
            return errors.ToProblem();
        }

        return await db.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, item, ct), cancellationToken)
            ? TypedResults.Created($"/api/stock-items/{Uri.EscapeDataString(item.Sku.Value)}", StockItemResponse.From(item))
            : ConflictProblem.For("sku", $"{item.Sku} is already a stock item or a piece", "Duplicate SKU.");
    }

    private static async Task<IResult> GetStockItemAsync(string sku, InventoryStore store, CancellationToken cancellationToken) =>
        await store.GetStockItemAsync(Uri.UnescapeDataString(sku), cancellationToken) is { } item ? TypedResults.Ok(StockItemResponse.From(item)) : TypedResults.NotFound();
}
