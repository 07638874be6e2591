namespace JewelHub.Stores.Crm;

/// <summary>Which kind of day a reminder is for.</summary>
public enum SpecialDateKind
{
    Birthday,
    Anniversary,
}

/// <summary>
/// A customer's birthday or anniversary falling in a window. <see cref="On"/> is the day it falls on (29 February is
/// kept on 28 February in other years); <see cref="Years"/> is the age or the years married on that day.
/// </summary>
public sealed record SpecialDate(Guid CustomerId, string Name, SpecialDateKind Kind, DateOnly Date, DateOnly On, int Years);
