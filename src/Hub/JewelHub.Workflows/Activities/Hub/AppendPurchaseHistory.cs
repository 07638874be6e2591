using JewelHub.Stores.Crm;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Adds a bill to the customer's purchase history, once per bill number.</summary>
[Activity("JewelHub", "CRM", "Add the bill to the customer's purchase history, so staff see what they bought. Walk-in sales without a customer are skipped.", HasEffects = true)]
public sealed class AppendPurchaseHistory(CrmStore crm) : IActivity
{
    [Input(Description = "The customer id from Upsert Customer; empty skips.", DefaultSyntax = "JavaScript")] public Input<string?> CustomerId { get; init; } = Input.Optional<string?>();

    [Input(Description = "The bill number.", DefaultSyntax = "JavaScript")] public Input<string> BillNumber { get; init; } = Input.Required<string>();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(context.Get(CustomerId), out var customerId))
        {
            return Outcome.Done;
        }

        _ = await crm.AppendPurchaseOfBillAsync(context.Unit, customerId, context.Get(BillNumber), cancellationToken)
            ?? throw new InvalidOperationException($"Bill {context.Get(BillNumber)} does not exist.");
        return Outcome.Done;
    }
}
