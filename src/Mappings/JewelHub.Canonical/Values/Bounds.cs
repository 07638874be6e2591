namespace JewelHub.Canonical.Values;

/// <summary>
/// The limits every value the hub accepts is held to, declared once: the API's checks, the event checks at the door,
/// the OpenAPI document and the importers all read them from here. They are far above any real jeweller's figure and far
/// below anything that overflows paise, milligrams or a 32-bit count when the hub multiplies or adds them.
/// </summary>
public static class Bounds
{
    /// <summary>The largest single amount of money, in the major unit: ₹100 crore (a price, a payment, a cost, a charge).</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>The largest metal rate per gram, in the major unit.</summary>
    public const decimal MaxPricePerGram = 1_000_000m;

    /// <summary>The largest weight of one line, piece or stock item total, in grams (100 kg).</summary>
    public const decimal MaxGrams = 100_000m;

    /// <summary>The largest weight of one row of stones, in carats.</summary>
    public const decimal MaxCarats = 10_000m;

    /// <summary>The largest percentage (wastage, a making charge given as a percentage of metal value).</summary>
    public const decimal MaxPercent = 100m;

    /// <summary>The largest quantity on one line of an order, reservation, receipt or adjustment.</summary>
    public const int MaxQuantity = 100_000;

    /// <summary>The most lines one order, receipt, bill or event may list.</summary>
    public const int MaxLines = 1_000;

    /// <summary>The largest count of one stock item held at one branch.</summary>
    public const int MaxOnHand = 1_000_000;

    /// <summary>The longest hold of stock for an order, in minutes: a week.</summary>
    public const int MaxHoldMinutes = 7 * 24 * 60;

    /// <summary>The longest id (SKU, order, payment, receipt, reference).</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest short name (branch, category, source, method).</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest free text (a reason, a note, a customer's name).</summary>
    public const int MaxTextLength = 500;

    /// <summary>
    /// The characters of an id that is addressed in one URL segment (an order, a payment, a reservation): letters,
    /// digits and - _ . : only, so it reads back through its route as it was sent.
    /// </summary>
    public const string IdPattern = "^[A-Za-z0-9_.:-]+$";

    /// <summary>
    /// The characters of a SKU: letters, digits and - _ . / (tags such as RNG/22K/0777). A SKU's routes take the rest
    /// of the path, so it reads back with its slashes as they are or URL-encoded.
    /// </summary>
    public const string SkuPattern = "^[A-Za-z0-9_./-]+$";

    /// <summary>The earliest business date the hub accepts (a rate's as-of time, a payment's capture time).</summary>
    public static readonly DateTimeOffset EarliestDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far past the hub's clock a business date may lie (clock skew between systems).</summary>
    public static readonly TimeSpan FutureSlack = TimeSpan.FromDays(1);

    /// <summary>Whether a business date lies between <see cref="EarliestDate"/> and <paramref name="now"/> plus <see cref="FutureSlack"/>.</summary>
    public static bool IsPlausibleDate(DateTimeOffset date, DateTimeOffset now) => date >= EarliestDate && date <= now + FutureSlack;

    /// <summary>The sentence a refused business date is answered with.</summary>
    public static string DateWindow(DateTimeOffset now) =>
        $"must be between {EarliestDate:yyyy-MM-dd} and {(now + FutureSlack).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (at most {FutureSlack.TotalHours:0} hours ahead of the hub's clock)";
}
