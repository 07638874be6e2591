using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Crm;
using JewelHub.Stores.Events;

namespace JewelHub.Stores.Operations;

/// <summary>
/// Upserting a customer another system reported (a web shop account, a till's customer list) and announcing it: the
/// CRM's one upsert (<see cref="CrmStore.UpsertAsync"/>, which POST /api/customers runs too) and customer.upserted in
/// the same unit.
/// </summary>
public sealed class CustomerOperations(CrmStore crm, EventStore events)
{
    /// <summary>The calling code given to national phone numbers (<see cref="CrmStore.DefaultCallingCode"/>).</summary>
    public string DefaultCallingCode => crm.DefaultCallingCode;

    /// <summary>
    /// Matches (by reference, phone, then e-mail) or creates the customer in <paramref name="unit"/> and, when that
    /// created or changed anything, publishes customer.upserted with id <paramref name="eventId"/> from
    /// <paramref name="source"/>. A report that adds nothing (a repeat) publishes nothing.
    /// </summary>
    public async Task<CustomerUpsertResult> UpsertAsync(
        UnitOfWork unit, CustomerUpsert input, string eventId, string source, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        var result = await crm.UpsertAsync(unit, input, cancellationToken);
        if (result.Outcome != CustomerUpsertOutcome.Matched)
        {
            events.Publish(unit, UpsertedEvent(result, eventId, source, time));
        }

        return result;
    }

    private static CloudEvent UpsertedEvent(CustomerUpsertResult result, string eventId, string source, DateTimeOffset? time)
    {
        var customer = result.Customer;
        return new CloudEvent
        {
            Id = eventId,
            Source = source,
            Type = EventTypes.CustomerUpserted,
            Subject = customer.Id.ToString(),
            Time = time,
            Data = EventJson.ToElement(new CustomerUpsertedData
            {
                CustomerId = customer.Id,
                Outcome = result.Outcome == CustomerUpsertOutcome.Created ? "created" : "updated",
                Name = customer.Name,
                Phone = customer.Phone?.Value,
                Email = customer.Email?.Value,
                Birthday = customer.Birthday,
                Anniversary = customer.Anniversary,
                SmsOptIn = customer.SmsOptIn,
                EmailOptIn = customer.EmailOptIn,
                References = customer.References,
            }),
        };
    }
}
