using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Waits for payment.captured about a bill (or its order), with a durable timer: whichever comes first decides the
/// port. A payment that arrived before the wait began is still delivered.
/// </summary>
[Activity("JewelHub", "Finance", "Wait until the customer pays the bill. If no payment arrives within the time limit the flow takes Timeout, even if the hub was restarted meanwhile.",
    Outcomes = ["Paid", "Timeout"])]
public sealed class WaitForPayment(TimeProvider clock) : IActivity
{
    [Input(Description = "The bill number the payment is for.", DefaultSyntax = "JavaScript")] public Input<string> BillNumber { get; init; } = Input.Required<string>();

    [Input(Description = "The order id, for payments taken before the bill number was known; empty to match by bill only.", DefaultSyntax = "JavaScript")]
    public Input<string?> OrderId { get; init; } = Input.Optional<string?>();

    [Input(Description = "How many minutes to wait for the payment before giving up (decimals allowed, e.g. 0.5).")]
    public Input<double> TimeoutMinutes { get; init; } = Input.Optional(30d);

    [Output(Description = "The payment.captured data that arrived.")] public Output<JsonNode?> Payment { get; init; } = new();

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        if (context.Resume is { } resume)
        {
            if (resume.IsTimer)
            {
                return ValueTask.FromResult(Outcome.Port("Timeout"));
            }

            context.Set(Payment, resume.Event?["data"]?.DeepClone());
            return ValueTask.FromResult(Outcome.Port("Paid"));
        }

        var due = clock.GetUtcNow().AddMinutes(context.Get(TimeoutMinutes));
        List<BookmarkRequest> bookmarks = [new(EventTypes.PaymentCaptured, context.Get(BillNumber)), BookmarkRequest.Timer(due)];
        if (HubData.Text(context.Get(OrderId)) is { } orderId)
        {
            bookmarks.Add(new BookmarkRequest(EventTypes.PaymentCaptured, orderId));
        }

        return ValueTask.FromResult(Outcome.Suspend([.. bookmarks]));
    }
}
