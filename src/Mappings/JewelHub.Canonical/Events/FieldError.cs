namespace JewelHub.Canonical.Events;

/// <summary>What is wrong with one field of an event, named as the sender wrote it (<c>data.lines[0].quantity</c>).</summary>
public sealed record FieldError(string Field, string Message);
