namespace JewelHub.Connectors.Square;

/// <summary>The part of a Square event the hub reads. Money is {amount in the smallest unit, currency}.</summary>
internal sealed record SquareEvent
{
    public string? EventId { get; init; }
    public string? Type { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public SquareData? Data { get; init; }
}

internal sealed record SquareData
{
    public SquareObject? Object { get; init; }
}

internal sealed record SquareObject
{
    public SquarePayment? Payment { get; init; }
    public SquareRefund? Refund { get; init; }
    public SquareCustomer? Customer { get; init; }
}

internal sealed record SquareCustomer
{
    public string? Id { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? EmailAddress { get; init; }
    public string? PhoneNumber { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public SquareCustomerPreferences? Preferences { get; init; }
}

internal sealed record SquareCustomerPreferences
{
    public bool? EmailUnsubscribed { get; init; }
}

internal sealed record SquarePayment
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    public string? OrderId { get; init; }
    public string? ReferenceId { get; init; }
    public SquareMoney? AmountMoney { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

internal sealed record SquareRefund
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    public string? PaymentId { get; init; }
    public string? Reason { get; init; }
    public SquareMoney? AmountMoney { get; init; }
}

internal sealed record SquareMoney
{
    public long Amount { get; init; }
    public string? Currency { get; init; }
}
