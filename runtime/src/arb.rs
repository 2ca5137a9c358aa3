//! proptest strategies for values that survive an XML round trip.
//!
//! Generated `Arbitrary` implementations use these for the fields of generated types, so that
//! every generated value can be written and read back unchanged: strings hold only characters
//! XML 1.0 can carry, floating-point values are never NaN (NaN is not equal to itself), and
//! date-times and durations are valid and carry consistent fraction digits.

use proptest::arbitrary::{Arbitrary, any};
use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Just};

use crate::types::{
    AnyAttribute, AnyElement, AnyXml, DateTime, Decimal, Duration, List, QName, TimeZoneOffset,
    Uuid,
};
use crate::xml::is_xml_char;

/// Characters that need care in XML (markup, quotes, line ends) or in UTF-8 (several bytes).
const TRICKY_CHARS: &[char] = &[
    '<',
    '&',
    '>',
    '"',
    '\'',
    '\r',
    '\n',
    '\t',
    ' ',
    'é',
    'ß',
    '中',
    '€',
    '😀',
    '\u{FFFD}',
    '\u{85}',
    '\u{2028}',
    '\u{E000}',
    '\u{10FFFF}',
];

/// A character XML 1.0 can carry: mostly printable ASCII, often one that needs escaping or
/// several UTF-8 bytes, sometimes any other allowed code point.
pub fn xml_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range(' ', '~'),
        3 => proptest::sample::select(TRICKY_CHARS),
        1 => any::<char>().prop_map(|ch| if is_xml_char(ch) { ch } else { '\u{FFFD}' }),
    ]
}

/// A string of 0 to 23 characters that XML 1.0 can carry.
pub fn string() -> impl Strategy<Value = String> {
    proptest::collection::vec(xml_char(), 0..24).prop_map(|chars| chars.into_iter().collect())
}

/// Any `bool`.
pub fn boolean() -> impl Strategy<Value = bool> {
    any::<bool>()
}

/// Any `i8`.
pub fn i8() -> impl Strategy<Value = i8> {
    any::<i8>()
}

/// Any `i16`.
pub fn i16() -> impl Strategy<Value = i16> {
    any::<i16>()
}

/// Any `i32`.
pub fn i32() -> impl Strategy<Value = i32> {
    any::<i32>()
}

/// Any `i64`.
pub fn i64() -> impl Strategy<Value = i64> {
    any::<i64>()
}

/// Any `u8`.
pub fn u8() -> impl Strategy<Value = u8> {
    any::<u8>()
}

/// Any `u16`.
pub fn u16() -> impl Strategy<Value = u16> {
    any::<u16>()
}

/// Any `u32`.
pub fn u32() -> impl Strategy<Value = u32> {
    any::<u32>()
}

/// Any `u64`.
pub fn u64() -> impl Strategy<Value = u64> {
    any::<u64>()
}

/// Any `f32` except NaN: finite values of both signs (normal, subnormal, zero) and the
/// infinities.
pub fn f32() -> impl Strategy<Value = f32> {
    use proptest::num::f32 as f;
    f::POSITIVE | f::NEGATIVE | f::NORMAL | f::SUBNORMAL | f::ZERO | f::INFINITE
}

/// Any `f64` except NaN: finite values of both signs (normal, subnormal, zero) and the
/// infinities.
pub fn f64() -> impl Strategy<Value = f64> {
    use proptest::num::f64 as f;
    f::POSITIVE | f::NEGATIVE | f::NORMAL | f::SUBNORMAL | f::ZERO | f::INFINITE
}

/// Decimals of either sign with up to 20 digits and a scale of 0 to 7.
pub fn decimal() -> impl Strategy<Value = Decimal> {
    const LIMIT: i128 = 100_000_000_000_000_000_000; // 10^20
    (-LIMIT + 1..LIMIT, 0u32..=7).prop_map(|(mantissa, scale)| {
        Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or(Decimal::ZERO)
    })
}

/// Any GUID.
pub fn uuid() -> impl Strategy<Value = Uuid> {
    any::<[u8; 16]>().prop_map(Uuid::from_bytes)
}

/// Byte strings of 0 to 31 bytes.
pub fn bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..32)
}

/// A time-zone designator: none, `Z`, or an offset within ±14:00.
fn time_zone() -> impl Strategy<Value = Option<TimeZoneOffset>> {
    prop_oneof![
        Just(None),
        Just(Some(TimeZoneOffset::Utc)),
        (-840i16..=840).prop_map(|minutes| Some(TimeZoneOffset::Minutes(minutes))),
    ]
}

/// `(nanoseconds, digits)` with 0 to `max_digits` fraction digits, the nanoseconds a
/// multiple of `10^(9 - digits)` (zero when there are no digits).
fn fraction(max_digits: u8) -> impl Strategy<Value = (u32, u8)> {
    (0..=max_digits).prop_flat_map(|digits| {
        let exponent = u32::from(digits);
        let values = 10u32.checked_pow(exponent).unwrap_or(1);
        let step = 10u32
            .checked_pow(9u32.saturating_sub(exponent))
            .unwrap_or(1);
        (0..values).prop_map(move |value| (value * step, digits))
    })
}

/// The last day of `month` in `year`, as [`DateTime::new`] sees it.
fn last_day(year: i32, month: u8) -> u8 {
    (28..=31)
        .rev()
        .find(|&day| DateTime::new(year, month, day, 0, 0, 0).is_ok())
        .unwrap_or(28)
}

/// Valid date-times: years mostly 0001-9999 (sometimes negative or beyond 9999), every day
/// of the month, sometimes `24:00:00`, 0 to 7 fraction digits and any kind of time zone.
pub fn date_time() -> impl Strategy<Value = DateTime> {
    let year = prop_oneof![
        8 => 1i32..=9999,
        1 => 10_000i32..=2_000_000,
        1 => -9999i32..=-1,
    ];
    let date = (year, 1u8..=12).prop_flat_map(|(year, month)| {
        let last = last_day(year, month);
        (Just(year), Just(month), 1..=last)
    });
    let time = prop_oneof![
        20 => (0u8..24, 0u8..60, 0u8..60, fraction(7)),
        1 => Just((24u8, 0u8, 0u8, (0u32, 0u8))),
    ];
    (date, time, time_zone()).prop_filter_map(
        "valid date-time",
        |((year, month, day), (hour, minute, second, (nanos, digits)), offset)| {
            DateTime::new(year, month, day, hour, minute, second)
                .and_then(|value| value.with_nanos(nanos, digits))
                .and_then(|value| value.with_offset(offset))
                .ok()
        },
    )
}

/// Valid durations: any sign, any set of components (at least one), and a fraction of 0 to 9
/// digits when there are seconds.
pub fn duration() -> impl Strategy<Value = Duration> {
    let component =
        || proptest::option::weighted(0.4, prop_oneof![3 => 0u64..100, 1 => any::<u64>()]);
    (
        any::<bool>(),
        (component(), component(), component()),
        (component(), component(), component()),
        fraction(9),
    )
        .prop_map(
            |(negative, (years, months, days), (hours, minutes, seconds), (nanos, digits))| {
                let none = years.is_none()
                    && months.is_none()
                    && days.is_none()
                    && hours.is_none()
                    && minutes.is_none();
                let seconds = if none || digits > 0 {
                    Some(seconds.unwrap_or(0))
                } else {
                    seconds
                };
                Duration::new(negative, years, months, days, hours, minutes, seconds)
                    .and_then(|value| value.with_nanos(nanos, digits))
                    .unwrap_or_else(|_| Duration::from_std(std::time::Duration::ZERO))
            },
        )
}

/// Any [`QName`].
pub fn qname() -> impl Strategy<Value = QName> {
    any::<QName>()
}

/// Any [`AnyXml`] content.
pub fn any_xml() -> impl Strategy<Value = AnyXml> {
    any::<AnyXml>()
}

/// A name no generated enumeration has: `Unlisted` and 1 to 6 ASCII letters, for the
/// `Unknown` variants that keep names a newer server sends.
pub fn unknown_token() -> impl Strategy<Value = String> {
    "Unlisted[A-Za-z]{1,6}"
}

/// An element kept by `xs:any`, in a namespace no schema of the tests uses.
pub fn any_element() -> impl Strategy<Value = AnyElement> {
    any::<AnyElement>()
}

/// Attributes kept by `xs:anyAttribute`: 0 to 2, in a namespace no schema uses, with
/// distinct names.
pub fn other_attributes() -> impl Strategy<Value = Vec<AnyAttribute>> {
    proptest::collection::btree_map("[a-z]{1,6}", string(), 0..3).prop_map(|attributes| {
        attributes
            .into_iter()
            .map(|(local, value)| AnyAttribute {
                name: QName::new("urn:other-attributes", local),
                value,
            })
            .collect()
    })
}

/// A non-empty string without whitespace: an item of an `xs:list` of strings.
pub fn token() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        xml_char().prop_filter("not whitespace", |c| !c.is_whitespace()),
        1..8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Lists of 0 to 3 items of `strategy`.
pub fn list<S: Strategy>(strategy: S) -> impl Strategy<Value = List<S::Value>> {
    vec(strategy).prop_map(List)
}

/// `None` or a value of `strategy`.
pub fn option<S: Strategy>(strategy: S) -> impl Strategy<Value = Option<S::Value>> {
    proptest::option::of(strategy)
}

/// `None` three times out of four, else a value of `strategy`; for recursive fields, so that
/// generated values stay small.
pub fn rare_option<S: Strategy>(strategy: S) -> impl Strategy<Value = Option<S::Value>> {
    proptest::option::weighted(0.25, strategy)
}

/// Vectors of 0 to 3 values of `strategy`.
pub fn vec<S: Strategy>(strategy: S) -> impl Strategy<Value = Vec<S::Value>> {
    proptest::collection::vec(strategy, 0..4)
}

/// Values of `strategy` whose text is not empty: an element with a schema default or fixed
/// value reads empty content as that value, so an empty value cannot round-trip there.
pub fn non_empty<S>(strategy: S) -> impl Strategy<Value = S::Value>
where
    S: Strategy,
    S::Value: crate::codec::SimpleValue,
{
    strategy.prop_filter("empty content reads as the default", |value| {
        crate::codec::SimpleValue::with_text(value, |text| !text.is_empty())
    })
}

/// A boxed arbitrary `T`. The strategy for `T` is built only when a value is generated, so a
/// recursive type does not recurse while its strategy is being built.
pub fn boxed<T: Arbitrary + 'static>() -> impl Strategy<Value = Box<T>> {
    Just(()).prop_flat_map(|()| any::<T>()).prop_map(Box::new)
}

impl Arbitrary for DateTime {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        date_time().boxed()
    }
}

impl Arbitrary for Duration {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        duration().boxed()
    }
}

#[cfg(all(test, feature = "proptest"))]
mod tests {
    use super::*;
    use crate::codec::{SimpleValue, from_xml_as, to_xml_as};
    use crate::xml::ValueError;

    /// Writes `value` and parses the text back.
    fn reparse<T: SimpleValue>(value: &T) -> Result<T, ValueError> {
        T::parse_text(&value.with_text(str::to_owned))
    }

    macro_rules! round_trips {
        ($($test:ident: $strategy:expr;)*) => {
            proptest! {
                $(
                    #[test]
                    fn $test(value in $strategy) {
                        prop_assert_eq!(reparse(&value), Ok(value));
                    }
                )*
            }
        };
    }

    round_trips! {
        string_text_round_trips: string();
        boolean_round_trips: boolean();
        i8_round_trips: i8();
        i16_round_trips: i16();
        i32_round_trips: i32();
        i64_round_trips: i64();
        u8_round_trips: u8();
        u16_round_trips: u16();
        u32_round_trips: u32();
        u64_round_trips: u64();
        f32_round_trips: f32();
        f64_round_trips: f64();
        decimal_round_trips: decimal();
        uuid_round_trips: uuid();
        xml_char_round_trips: xml_char();
        bytes_round_trip: bytes();
        date_time_round_trips: date_time();
        duration_round_trips: duration();
        any_date_time_round_trips: any::<DateTime>();
        any_duration_round_trips: any::<Duration>();
    }

    proptest! {
        #[test]
        fn strings_survive_the_writer_and_reader(value in string()) {
            let xml = to_xml_as(&value, "urn:t", "v");
            prop_assert!(xml.is_ok(), "{:?}", xml);
            let xml = xml.unwrap_or_default();
            prop_assert_eq!(from_xml_as::<String>(&xml, "urn:t", "v"), Ok(value));
        }

        #[test]
        fn decimals_keep_their_scale(value in decimal()) {
            let again = reparse(&value);
            prop_assert_eq!(again.map(|d| d.scale()), Ok(value.scale()));
        }

        #[test]
        fn floats_round_trip_bitwise(value in f64()) {
            let again = reparse(&value);
            prop_assert_eq!(again.map(f64::to_bits), Ok(value.to_bits()));
        }

        #[test]
        fn date_time_fractions_are_consistent(value in date_time()) {
            let digits = value.fraction_digits();
            prop_assert!(digits <= 7);
            let step = 10u32.pow(9 - u32::from(digits));
            prop_assert_eq!(value.nanosecond() % step, 0);
        }

        #[test]
        fn unknown_tokens_look_like_names(value in unknown_token()) {
            let suffix = value.strip_prefix("Unlisted");
            let ok = suffix.is_some_and(|s| {
                (1..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
            });
            prop_assert!(ok, "{}", value);
        }

        #[test]
        fn generic_combinators_stay_in_bounds(
            items in vec(u8()),
            maybe in option(u8()),
            rare in rare_option(u8()),
            boxed in boxed::<u8>(),
        ) {
            prop_assert!(items.len() < 4);
            let _ = (maybe, rare, *boxed);
        }

        #[test]
        fn qnames_and_any_xml_generate(name in qname(), content in any_xml()) {
            prop_assert!(!name.local_name.is_empty());
            let _ = content;
        }
    }
}
