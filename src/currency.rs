//! ISO 4217 currency codes, with the symbols and decimal places used to format amounts.

/// (code, symbol shown before amounts, decimal places of the minor unit)
const CURRENCIES: &[(&str, &str, u8)] = &[
    ("AED", "AED ", 2),
    ("AFN", "AFN ", 2),
    ("ALL", "ALL ", 2),
    ("AMD", "AMD ", 2),
    ("ANG", "ANG ", 2),
    ("AOA", "AOA ", 2),
    ("ARS", "ARS ", 2),
    ("AUD", "A$", 2),
    ("AWG", "AWG ", 2),
    ("AZN", "AZN ", 2),
    ("BAM", "BAM ", 2),
    ("BBD", "BBD ", 2),
    ("BDT", "BDT ", 2),
    ("BGN", "BGN ", 2),
    ("BHD", "BHD ", 3),
    ("BIF", "BIF ", 0),
    ("BMD", "BMD ", 2),
    ("BND", "BND ", 2),
    ("BOB", "BOB ", 2),
    ("BRL", "R$", 2),
    ("BSD", "BSD ", 2),
    ("BTN", "BTN ", 2),
    ("BWP", "BWP ", 2),
    ("BYN", "BYN ", 2),
    ("BZD", "BZD ", 2),
    ("CAD", "CA$", 2),
    ("CDF", "CDF ", 2),
    ("CHF", "CHF ", 2),
    ("CLP", "CLP ", 0),
    ("CNY", "CN¥", 2),
    ("COP", "COP ", 2),
    ("CRC", "CRC ", 2),
    ("CUP", "CUP ", 2),
    ("CVE", "CVE ", 2),
    ("CZK", "CZK ", 2),
    ("DJF", "DJF ", 0),
    ("DKK", "DKK ", 2),
    ("DOP", "DOP ", 2),
    ("DZD", "DZD ", 2),
    ("EGP", "EGP ", 2),
    ("ERN", "ERN ", 2),
    ("ETB", "ETB ", 2),
    ("EUR", "€", 2),
    ("FJD", "FJD ", 2),
    ("FKP", "FKP ", 2),
    ("GBP", "£", 2),
    ("GEL", "GEL ", 2),
    ("GHS", "GHS ", 2),
    ("GIP", "GIP ", 2),
    ("GMD", "GMD ", 2),
    ("GNF", "GNF ", 0),
    ("GTQ", "GTQ ", 2),
    ("GYD", "GYD ", 2),
    ("HKD", "HK$", 2),
    ("HNL", "HNL ", 2),
    ("HTG", "HTG ", 2),
    ("HUF", "HUF ", 2),
    ("IDR", "IDR ", 2),
    ("ILS", "₪", 2),
    ("INR", "₹", 2),
    ("IQD", "IQD ", 3),
    ("IRR", "IRR ", 2),
    ("ISK", "ISK ", 0),
    ("JMD", "JMD ", 2),
    ("JOD", "JOD ", 3),
    ("JPY", "¥", 0),
    ("KES", "KES ", 2),
    ("KGS", "KGS ", 2),
    ("KHR", "KHR ", 2),
    ("KMF", "KMF ", 0),
    ("KPW", "KPW ", 2),
    ("KRW", "₩", 0),
    ("KWD", "KWD ", 3),
    ("KYD", "KYD ", 2),
    ("KZT", "KZT ", 2),
    ("LAK", "LAK ", 2),
    ("LBP", "LBP ", 2),
    ("LKR", "LKR ", 2),
    ("LRD", "LRD ", 2),
    ("LSL", "LSL ", 2),
    ("LYD", "LYD ", 3),
    ("MAD", "MAD ", 2),
    ("MDL", "MDL ", 2),
    ("MGA", "MGA ", 2),
    ("MKD", "MKD ", 2),
    ("MMK", "MMK ", 2),
    ("MNT", "MNT ", 2),
    ("MOP", "MOP ", 2),
    ("MRU", "MRU ", 2),
    ("MUR", "MUR ", 2),
    ("MVR", "MVR ", 2),
    ("MWK", "MWK ", 2),
    ("MXN", "MX$", 2),
    ("MYR", "MYR ", 2),
    ("MZN", "MZN ", 2),
    ("NAD", "NAD ", 2),
    ("NGN", "NGN ", 2),
    ("NIO", "NIO ", 2),
    ("NOK", "NOK ", 2),
    ("NPR", "NPR ", 2),
    ("NZD", "NZ$", 2),
    ("OMR", "OMR ", 3),
    ("PAB", "PAB ", 2),
    ("PEN", "PEN ", 2),
    ("PGK", "PGK ", 2),
    ("PHP", "₱", 2),
    ("PKR", "PKR ", 2),
    ("PLN", "PLN ", 2),
    ("PYG", "PYG ", 0),
    ("QAR", "QAR ", 2),
    ("RON", "RON ", 2),
    ("RSD", "RSD ", 2),
    ("RUB", "RUB ", 2),
    ("RWF", "RWF ", 0),
    ("SAR", "SAR ", 2),
    ("SBD", "SBD ", 2),
    ("SCR", "SCR ", 2),
    ("SDG", "SDG ", 2),
    ("SEK", "SEK ", 2),
    ("SGD", "SGD ", 2),
    ("SHP", "SHP ", 2),
    ("SLE", "SLE ", 2),
    ("SOS", "SOS ", 2),
    ("SRD", "SRD ", 2),
    ("SSP", "SSP ", 2),
    ("STN", "STN ", 2),
    ("SYP", "SYP ", 2),
    ("SZL", "SZL ", 2),
    ("THB", "THB ", 2),
    ("TJS", "TJS ", 2),
    ("TMT", "TMT ", 2),
    ("TND", "TND ", 3),
    ("TOP", "TOP ", 2),
    ("TRY", "TRY ", 2),
    ("TTD", "TTD ", 2),
    ("TWD", "NT$", 2),
    ("TZS", "TZS ", 2),
    ("UAH", "UAH ", 2),
    ("UGX", "UGX ", 0),
    ("USD", "$", 2),
    ("UYU", "UYU ", 2),
    ("UZS", "UZS ", 2),
    ("VES", "VES ", 2),
    ("VND", "₫", 0),
    ("VUV", "VUV ", 0),
    ("WST", "WST ", 2),
    ("XAF", "FCFA ", 0),
    ("XCD", "EC$", 2),
    ("XOF", "F CFA ", 0),
    ("XPF", "CFPF ", 0),
    ("YER", "YER ", 2),
    ("ZAR", "ZAR ", 2),
    ("ZMW", "ZMW ", 2),
    ("ZWG", "ZWG ", 2),
];

/// Whether `code` is an active ISO 4217 code (upper case, as written in the standard).
pub fn is_known(code: &str) -> bool {
    CURRENCIES.binary_search_by(|(c, _, _)| c.cmp(&code)).is_ok()
}

/// The symbol or code prefix used to show an amount in `code`.
pub fn symbol(code: &str) -> &'static str {
    CURRENCIES
        .binary_search_by(|(c, _, _)| c.cmp(&code))
        .map_or("", |i| CURRENCIES[i].1)
}

/// Every known code, for suggestions.
pub fn codes() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().map(|(c, _, _)| *c)
}

/// Formats an amount with thousands separators: whole numbers when the amount is whole,
/// else two decimals (hourly rates such as 62.50).
pub fn format_amount(code: &str, amount: f64) -> String {
    let sym = symbol(code);
    let whole = amount.fract() == 0.0;
    let digits = if whole && amount.is_sign_positive() && amount < 1e15 {
        // Exact as an integer: formatting a float with a precision is much slower, and
        // every summary row formats several amounts.
        (amount as u64).to_string()
    } else if whole {
        format!("{amount:.0}")
    } else {
        format!("{amount:.2}")
    };
    let (int_part, frac_part) = digits.split_once('.').map_or((digits.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac_part {
        Some(frac) => format!("{sym}{grouped}.{frac}"),
        None => format!("{sym}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_amounts_read_as_the_float_formatting_gives_them() {
        for amount in [
            0.0,
            1.0,
            999.0,
            1000.0,
            120_000.0,
            1_234_567.0,
            999_999_999_999_999.0,
            1e15,
            1e20,
            -0.0,
            -5000.0,
        ] {
            let expected = format!("{amount:.0}");
            // An unknown code has no symbol: the digits and separators only.
            assert_eq!(format_amount("XYZ", amount).replace(',', ""), expected, "{amount}");
        }
        assert_eq!(format_amount("USD", 1_234_567.0), "$1,234,567");
        assert_eq!(format_amount("USD", 62.5), "$62.50");
    }

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn known_codes_are_upper_case_iso() {
        assert!(is_known("USD") && is_known("EUR") && is_known("JPY"));
        assert!(!is_known("usd") && !is_known("XYZ") && !is_known("DOLLAR"));
    }

    #[test]
    fn amounts_are_grouped() {
        assert_eq!(format_amount("USD", 100000.0), "$100,000");
        assert_eq!(format_amount("EUR", 62.5), "€62.50");
        assert_eq!(format_amount("CHF", 999.0), "CHF 999");
        assert_eq!(format_amount("GBP", 1234567.0), "£1,234,567");
    }
}
