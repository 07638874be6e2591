namespace JewelHub.Canonical.Values;

/// <summary>The ISO 4217 codes of the currencies in circulation, the ones money in event data may be given in.</summary>
public static class CurrencyCodes
{
    private static readonly HashSet<string> Codes = new(
        """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
        CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG
        HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
        MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
        RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD
        UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>The sentence a refused code is answered with.</summary>
    public const string Expected = "must be the ISO 4217 code of a currency in use, e.g. INR";

    /// <summary>Whether <paramref name="code"/> (upper case) is a currency in circulation.</summary>
    public static bool IsKnown(string? code) => code is { Length: 3 } && Codes.Contains(code);
}
