using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Crm;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Finds the buyer of a sale in the customer book (by the recording system's id, phone, then email) or adds them.</summary>
[Activity("JewelHub", "CRM", "Find the sale's customer in your customer book by their shop id, phone or email, or add them as a new customer.", HasEffects = true)]
public sealed class UpsertCustomer(CrmStore crm, CrmOptions options) : IActivity
{
    [Input(Description = "The customer as the sale names them (name, phone, email, references). Empty: the customer of the sale that started this workflow.", UIHint = "json-editor", DefaultSyntax = "JavaScript")]
    public Input<JsonNode?> Customer { get; init; } = Input.Optional<JsonNode?>();

    [Output(Description = "The customer's id in JewelHub; empty for a walk-in sale without customer details.")]
    public Output<string?> CustomerId { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var customer = context.Get(Customer) is not null
            ? HubData.Read<SaleCustomerData>(context, Customer)
            : HubData.Read<SaleRecordedData>(context, Customer).Customer;
        if (customer is null || (customer.Phone is null && customer.Email is null && customer.References.Count == 0))
        {
            return context.Done(CustomerId, null);
        }

        var phone = PhoneNumber.TryParse(customer.Phone, options.DefaultCallingCode, out var p, out _) ? p : (PhoneNumber?)null;
        var email = EmailAddress.TryParse(customer.Email, out var e, out _) ? e : (EmailAddress?)null;
        var (id, _) = await crm.UpsertForIdAsync(context.Unit, new CustomerUpsert
        {
            Name = customer.Name,
            Phone = phone,
            Email = email,
            References = customer.References,
            Source = "workflow",
        }, cancellationToken);
        return context.Done(CustomerId, id.ToString());
    }
}
