using System.Globalization;
using JewelHub.Canonical.Entities;
using JewelHub.Stores.Crm;

namespace JewelHub.Hub.Api.Crm;

/// <summary>A canonical customer as the API shows it.</summary>
public sealed record CustomerResponse(
    Guid Id,
    string Name,
    string? Phone,
    string? Email,
    DateOnly? Birthday,
    DateOnly? Anniversary,
    bool SmsOptIn,
    bool EmailOptIn,
    AddressResponse? Address,
    string? HomeBranch,
    IReadOnlyDictionary<string, string> Preferences,
    IReadOnlyList<ExternalReference> References,
    IReadOnlyDictionary<string, string> Attributes)
{
    public static CustomerResponse From(Customer customer) => new(
        customer.Id,
        customer.Name,
        customer.Phone?.Value,
        customer.Email?.Value,
        customer.Birthday,
        customer.Anniversary,
        customer.SmsOptIn,
        customer.EmailOptIn,
        customer.Address.IsEmpty ? null : new AddressResponse(customer.Address.Line, customer.Address.City, customer.Address.State, customer.Address.Pincode),
        customer.HomeBranch,
        customer.Preferences,
        customer.References,
        customer.Attributes);
}

/// <summary>A customer's postal address; a part the shop does not know is null.</summary>
public sealed record AddressResponse(string? Line, string? City, string? State, string? Pincode);

/// <summary>The customers an attribute search found (at most <c>limit</c>, by name).</summary>
public sealed record CustomerListResponse(IReadOnlyList<CustomerResponse> Items);

/// <summary>The answer to an upsert: the canonical id, what the upsert did and the customer now.</summary>
public sealed record UpsertCustomerResponse(Guid Id, CustomerUpsertOutcome Outcome, CustomerResponse Customer);

/// <summary>One bill in a customer's history; the amount is a decimal string in the currency.</summary>
public sealed record PurchaseResponse(string BillNumber, string? OrderId, string Amount, string Currency, DateTimeOffset PurchasedAt)
{
    public static PurchaseResponse From(CustomerPurchase purchase) => new(
        purchase.BillNumber,
        purchase.OrderId,
        purchase.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture),
        purchase.Amount.Currency.Code,
        purchase.PurchasedAt);
}

/// <summary>PUT /api/customers/{id}/consent: the channels to set (at least one) and where the statement came from.</summary>
public sealed record ConsentRequest(
    bool? SmsOptIn, bool? EmailOptIn, [property: System.ComponentModel.DataAnnotations.MaxLength(Canonical.Values.Bounds.MaxNameLength)] string? Source);

/// <summary>A customer's consent now, with every change that led to it.</summary>
public sealed record ConsentResponse(bool SmsOptIn, bool EmailOptIn, IReadOnlyList<ConsentChange> History);
