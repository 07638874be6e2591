using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;

namespace JewelHub.Hub.Api.Finance;

/// <summary>
/// A payment or refund as posted; amount in the major unit (rupees, two decimals); at, when the money moved, from
/// 2000-01-01 to a day past the hub's clock (default now). A refund names the payment whose money it gives back
/// (<see cref="RefundOf"/>) and may say why. A payment id is read back as /api/payments/{id}, so it holds no '/'.
/// </summary>
public sealed record PaymentRequest
{
    [MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.IdPattern)] public string? Id { get; init; }
    [MaxLength(Bounds.MaxIdLength)] public string? BillNumber { get; init; }
    [AmountRange] public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    [RegularExpression(PaymentEndpoints.MethodPatternText)] public string? Method { get; init; }
    [MaxLength(Bounds.MaxIdLength)] public string? ProviderReference { get; init; }
    /// <summary>Payment (default) or Refund.</summary>
    public string? Kind { get; init; }
    public DateTimeOffset? At { get; init; }
    [MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.IdPattern)] public string? RefundOf { get; init; }
    [MaxLength(Bounds.MaxTextLength)] public string? Reason { get; init; }
}

/// <summary>
/// POST /api/payments records a payment or refund against a bill (idempotent by payment id); a payment that settles
/// the bill marks it Paid, commits the sale of its pieces and posts the ledger. A new payment publishes
/// payment.captured and a new refund payment.refunded, in the same transaction. GET /api/payments/{id} reads one.
/// </summary>
public static partial class PaymentEndpoints
{
    /// <summary>The source of the events this API publishes.</summary>
    public const string EventSource = "/hub/api/payments";

    public static RouteGroupBuilder MapPaymentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/payments").WithTags("Finance");
        group.MapPost("/", RecordAsync).WithName("RecordPayment");
        group.MapGet("/{id}", GetAsync).WithName("GetPayment");
        return group;
    }

    private static async Task<IResult> RecordAsync(
        PaymentRequest? body, PaymentOperations payments, PaymentStore stored, BillStore bills, Database db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        errors.Id(body.Id, "id");
        if (errors.Required(body.BillNumber, "billNumber") && body.BillNumber!.Length > Bounds.MaxIdLength)
        {
            errors.Add("billNumber", $"must be at most {Bounds.MaxIdLength} characters, e.g. MUM/2026-27/000001");
        }

        var amount = errors.Positive(body.Amount, "amount");
        var currency = errors.Parse<Currency>(body.Currency, "currency", Currency.TryParse);
        if (errors.Required(body.Method, "method") && !MethodPattern().IsMatch(body.Method!))
        {
            errors.Add("method", "must be 1 to 32 lower-case letters, digits or '-', e.g. cash, card, upi, razorpay");
        }

        var kind = PaymentKind.Payment;
        if (body.Kind is not null && (!Enum.TryParse(body.Kind, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _)))
        {
            errors.Add("kind", "must be Payment or Refund");
        }
        else if (kind == PaymentKind.Refund && string.IsNullOrWhiteSpace(body.RefundOf))
        {
            errors.Add("refundOf", "is required for a refund: the id of the payment whose money goes back");
        }
        else if (kind == PaymentKind.Refund)
        {
            errors.Id(body.RefundOf!.Trim(), "refundOf");
        }
        else if (kind == PaymentKind.Payment && body.RefundOf is not null)
        {
            errors.Add("refundOf", "only a refund names the payment it gives money back against");
        }

        var providerReference = errors.Text(body.ProviderReference, "providerReference", Bounds.MaxIdLength);
        var reason = errors.Text(body.Reason, "reason");
        var at = body.At is null ? clock.GetUtcNow() : errors.BusinessDate(body.At, "at", clock);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await stored.GetPaymentAsync(body.Id!, cancellationToken) is null)
        {
            var bill = await bills.GetBillAsync(body.BillNumber!, cancellationToken);
            if (bill is null)
            {
                return FieldErrors.One("billNumber", "no bill has this number");
            }

            if (!string.Equals(bill.Currency, currency!.Value.Code, StringComparison.Ordinal))
            {
                return FieldErrors.One("currency", $"must be the bill's currency, {bill.Currency}");
            }
        }

        var payment = new Payment
        {
            Id = body.Id!,
            BillNumber = body.BillNumber!,
            Kind = kind,
            Amount = amount!.Value,
            Currency = currency!.Value.Code,
            Method = body.Method!,
            ProviderReference = providerReference,
            At = at!.Value,
            RefundOf = kind == PaymentKind.Refund ? body.RefundOf!.Trim() : null,
        };
        // The payment and its event commit together: a workflow waiting on the bill (sale-to-bill) learns of a payment
        // taken at the counter as it would of a gateway's, and a crash leaves neither or both.
        var result = await db.InUnitAsync(
            (unit, ct) => payments.RecordAsync(unit, payment, reason, PaymentOrigin.Counter, EventSource, ct), cancellationToken);

        var answer = new { result.Payment, result.Bill, result.Sale };
        return result.Outcome switch
        {
            PaymentOutcome.Recorded => TypedResults.Created($"/api/payments/{Uri.EscapeDataString(payment.Id)}", answer),
            PaymentOutcome.AlreadyRecorded => TypedResults.Ok(answer),
            PaymentOutcome.DuplicateProviderReference => ConflictProblem.For("providerReference", $"was already recorded as payment {result.Payment!.Id}"),
            PaymentOutcome.BillNotFound => FieldErrors.One("billNumber", "no bill has this number"),
            PaymentOutcome.BillVoided => ConflictProblem.For("billNumber", "the bill is voided"),
            PaymentOutcome.CurrencyMismatch => FieldErrors.One("currency", $"must be the bill's currency, {result.Bill?.Currency}"),
            PaymentOutcome.ExceedsOutstanding => ConflictProblem.For("amount", $"exceeds the {result.Bill!.Total - result.Bill.Paid:0.00} still owed on the bill"),
            PaymentOutcome.ExceedsPaid => ConflictProblem.For("amount", $"exceeds the {result.Bill!.Paid:0.00} paid on the bill"),
            PaymentOutcome.RefundOfNotFound => FieldErrors.One("refundOf", "no payment on this bill has this id"),
            PaymentOutcome.ExceedsRefundable => ConflictProblem.For("amount", $"exceeds what is left to refund of payment {payment.RefundOf} (its amount less earlier refunds)"),
            _ => throw new InvalidOperationException($"Unhandled payment outcome {result.Outcome}."),
        };
    }


    private static async Task<IResult> GetAsync(string id, PaymentStore payments, CancellationToken cancellationToken) =>
        await payments.GetPaymentAsync(id, cancellationToken) is { } payment ? TypedResults.Ok(payment) : TypedResults.NotFound();

    /// <summary>A payment method: 1 to 32 lower-case letters, digits or '-'.</summary>
    internal const string MethodPatternText = "^[a-z0-9-]{1,32}$";

    [GeneratedRegex(MethodPatternText)]
    private static partial Regex MethodPattern();
}
