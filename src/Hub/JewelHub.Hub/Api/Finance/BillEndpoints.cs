using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;

namespace JewelHub.Hub.Api.Finance;

/// <summary>Options for issuing a bill: the series (default the order's branch, upper case).</summary>
public sealed record IssueBillRequest
{
    [RegularExpression(BillEndpoints.SeriesPatternText)] public string? Series { get; init; }
}

/// <summary>Why a bill is voided.</summary>
public sealed record VoidBillRequest([property: MaxLength(Bounds.MaxTextLength)] string? Reason);

/// <summary>
/// POST /api/orders/{id}/bill issues the order's bill (201, or 200 with the same bill on a repeat). A bill number
/// such as MUM/2026-27/000001 is addressed as /api/bills/MUM/2026-27/000001 or URL-encoded in one segment.
/// POST /api/bills/{number}/void voids an unpaid bill, keeping its number, and releases the order's pieces.
/// </summary>
public static partial class BillEndpoints
{
    public static RouteGroupBuilder MapBillEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/orders/{id}/bill", IssueAsync).WithTags("Finance").WithName("IssueBill");
        var group = api.MapGroup("/bills").WithTags("Finance");
        group.MapGet("/{series}/{year}/{sequence}", (string series, string year, string sequence, BillStore bills, CancellationToken ct) =>
            GetAsync($"{series}/{year}/{sequence}", bills, ct)).WithName("GetBill");
        group.MapGet("/{number}", (string number, BillStore bills, CancellationToken ct) => GetAsync(Uri.UnescapeDataString(number), bills, ct))
            .WithName("GetBillEncoded");
        group.MapPost("/{series}/{year}/{sequence}/void", (string series, string year, string sequence, VoidBillRequest? body, BillOperations bills,
            Database db, CancellationToken ct) => VoidAsync($"{series}/{year}/{sequence}", body, bills, db, ct)).WithName("VoidBill");
        group.MapPost("/{number}/void", (string number, VoidBillRequest? body, BillOperations bills, Database db, CancellationToken ct) =>
            VoidAsync(Uri.UnescapeDataString(number), body, bills, db, ct)).WithName("VoidBillEncoded");
        return group;
    }

    private static async Task<IResult> IssueAsync(
        string id, IssueBillRequest? body, BillOperations operations, BillStore bills, Database db, CancellationToken cancellationToken)
    {
        if (body?.Series is { } series && !SeriesPattern().IsMatch(series))
        {
            return FieldErrors.One("series", "must be 1 to 16 letters, digits or '-'");
        }

        // The bill and its bill.issued event commit together; a hold that expired is taken again, or the bill refused.
        var issue = await db.InUnitAsync((unit, ct) => operations.IssueAsync(unit, id, body?.Series, BillEvents.ApiSource, ct), cancellationToken);
        var result = issue.Bill;
        if (issue.Unavailable)
        {
            return OrderEndpoints.Unavailable(result.Order!, issue.UnavailableSkus);
        }

        return result.Outcome switch
        {
            IssueBillOutcome.Issued => TypedResults.Created($"/api/bills/{result.Bill!.Number}", result.Bill),
            IssueBillOutcome.AlreadyIssued => TypedResults.Ok(await bills.GetBillAsync(result.BillNumber!, cancellationToken)),
            IssueBillOutcome.OrderNotFound => TypedResults.NotFound(),
            IssueBillOutcome.OrderCancelled => ConflictProblem.For("status", "the order is cancelled"),
            IssueBillOutcome.Unpriceable => ConflictProblem.For(result.Problems.ToDictionary(p => $"lines[{p.LineIndex}].sku", p => new[] { p.Message }, StringComparer.Ordinal)),
            _ => throw new InvalidOperationException($"Unhandled bill outcome {result.Outcome}."),
        };
    }

    private static async Task<IResult> GetAsync(string number, BillStore bills, CancellationToken cancellationToken) =>
        await bills.GetBillAsync(number, cancellationToken) is { } bill ? TypedResults.Ok(bill) : TypedResults.NotFound();

    private static async Task<IResult> VoidAsync(string number, VoidBillRequest? body, BillOperations bills, Database db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!errors.Required(body?.Reason, "reason") || errors.Text(body!.Reason, "reason") is not { } reason)
        {
            return errors.ToProblem();
        }

        // The void, its bill.voided event and the order's stock change commit together.
        var result = await db.InUnitAsync((unit, ct) => bills.VoidAsync(unit, number, reason, BillEvents.ApiSource, ct), cancellationToken);
        return result.Outcome switch
        {
            VoidBillOutcome.NotFound => TypedResults.NotFound(),
            VoidBillOutcome.HasPayments => ConflictProblem.For("status", "money was received against this bill; refund it before voiding"),
            _ => TypedResults.Ok(result.Bill),
        };
    }

    /// <summary>A bill series: 1 to 16 letters, digits or '-'.</summary>
    internal const string SeriesPatternText = "^[A-Za-z0-9-]{1,16}$";

    [GeneratedRegex(SeriesPatternText)]
    private static partial Regex SeriesPattern();
}
