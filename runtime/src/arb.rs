//! proptest strategies for values that survive an XML round trip (feature `proptest`).
//!
//! Generated `Arbitrary` implementations use these for the fields of generated types, so that
//! every generated value can be written and read back unchanged: strings hold only characters
//! XML 1.0 can carry, floating-point values are never NaN (NaN is not equal to itself), and
//! date-times and durations are valid and carry consistent fraction digits.
//!
//! Types that contain themselves (a `Tree` of `Tree`s, an `Expr` negating an `Expr`) are
//! generated to a bounded depth. Generated code reaches such a type through [`recursive`],
//! [`boxed`], [`rare_option`] and [`recursive_vec`]: the first two build the type's strategy
//! only when a value is generated, one level deeper, so building a strategy never recurses;
//! the last two leave out their recursive content from [`RECURSION_LIMIT`] levels down, so
//! values end there, except where the schema requires more (a required child, `minOccurs`).
//! What a schema requires may go on to [`RECURSION_HARD_LIMIT`]; generation then starts
//! again from the level of the limit, and gives up with an error, never a stack overflow,
//! for a type that has no finite value at all.
//!
//! Longer than 600 lines: a strategy per runtime value type (strings, numbers, date-times,
//! durations, flag sets, wildcards) beside the recursion helpers they share.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use proptest::arbitrary::{Arbitrary, any};
use proptest::option::{OptionStrategy, OptionValueTree};
use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Just, NewTree, ValueTree};
use proptest::test_runner::TestRunner;

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
/// generated values stay small. Always `None` from [`RECURSION_LIMIT`] levels down.
pub fn rare_option<S: Strategy>(strategy: S) -> RareOption<S> {
    RareOption(if at_recursion_limit() {
        None
    } else {
        Some(proptest::option::weighted(0.25, strategy))
    })
}

/// The strategy of [`rare_option`]: `None` alone at the depth limit.
#[derive(Debug)]
pub struct RareOption<S: Strategy>(Option<OptionStrategy<S>>);

impl<S: Strategy> Strategy for RareOption<S> {
    type Tree = RareOptionTree<S>;
    type Value = Option<S::Value>;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        match &self.0 {
            Some(strategy) => strategy.new_tree(runner).map(|t| RareOptionTree(Some(t))),
            None => Ok(RareOptionTree(None)),
        }
    }
}

/// The value tree of [`RareOption`].
pub struct RareOptionTree<S: Strategy>(Option<OptionValueTree<S>>);

impl<S: Strategy> ValueTree for RareOptionTree<S> {
    type Value = Option<S::Value>;

    fn current(&self) -> Self::Value {
        self.0.as_ref().and_then(ValueTree::current)
    }

    fn simplify(&mut self) -> bool {
        self.0.as_mut().is_some_and(ValueTree::simplify)
    }

    fn complicate(&mut self) -> bool {
        self.0.as_mut().is_some_and(ValueTree::complicate)
    }
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

/// How many levels of recursive types (each [`recursive`] or [`boxed`] value one level) a
/// generated value nests before [`rare_option`] and [`recursive_vec`] leave out their
/// recursive content.
pub const RECURSION_LIMIT: u32 = 6;

/// The level at which generating a recursive value gives up: only a schema that requires
/// content this deep (or without end) reaches it.
pub const RECURSION_HARD_LIMIT: u32 = RECURSION_LIMIT + 32;

/// How often a value at [`RECURSION_LIMIT`] is generated again when what its schema requires
/// went past [`RECURSION_HARD_LIMIT`].
const RECURSION_ATTEMPTS: u32 = 16;

thread_local! {
    /// The level of the recursive value whose strategy is being built on this thread: the
    /// strategies built meanwhile take it as theirs.
    static LEVEL: Cell<u32> = const { Cell::new(0) };
}

/// Whether the strategy being built is for content [`RECURSION_LIMIT`] levels down or more.
fn at_recursion_limit() -> bool {
    LEVEL.with(Cell::get) >= RECURSION_LIMIT
}

/// Sets [`LEVEL`] for as long as it lives (also when building a strategy panics).
struct LevelGuard {
    previous: u32,
}

impl LevelGuard {
    fn enter(level: u32) -> Self {
        LevelGuard {
            previous: LEVEL.with(|l| l.replace(level)),
        }
    }
}

impl Drop for LevelGuard {
    fn drop(&mut self) {
        LEVEL.with(|l| l.set(self.previous));
    }
}

/// The strategy of [`recursive`]: `T`'s own, built when a value is generated.
pub struct Recursive<T> {
    /// The level of the value holding this one.
    level: u32,
    value: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Recursive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recursive")
            .field("type", &std::any::type_name::<T>())
            .field("level", &self.level)
            .finish()
    }
}

impl<T: Arbitrary + 'static> Strategy for Recursive<T> {
    type Tree = Box<dyn ValueTree<Value = T>>;
    type Value = T;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let level = self.level.saturating_add(1);
        if level > RECURSION_HARD_LIMIT {
            return Err(format!(
                "{} nests deeper than {RECURSION_HARD_LIMIT} levels: does its schema require it \
                 to contain itself without end?",
                std::any::type_name::<T>()
            )
            .into());
        }
        let strategy = {
            let _level = LevelGuard::enter(level);
            any::<T>()
        };
        let attempts = if level == RECURSION_LIMIT {
            RECURSION_ATTEMPTS
        } else {
            1
        };
        let mut result = strategy.new_tree(runner);
        for _ in 1..attempts {
            if result.is_ok() {
                break;
            }
            result = strategy.new_tree(runner);
        }
        result.map(|tree| Box::new(tree) as Self::Tree)
    }
}

/// An arbitrary `T` one level deeper: for a field or variant of a type that may contain
/// itself. `T`'s strategy is built only when a value is generated, so building it does not
/// recurse.
pub fn recursive<T: Arbitrary + 'static>() -> Recursive<T> {
    Recursive {
        level: LEVEL.with(Cell::get),
        value: PhantomData,
    }
}

/// A boxed arbitrary `T` one level deeper, as [`recursive`].
pub fn boxed<T: Arbitrary + 'static>() -> impl Strategy<Value = Box<T>> {
    recursive::<T>().prop_map(Box::new)
}

/// Vectors of `min` to `max` values of `strategy`, which may contain the type holding them;
/// exactly `min` from [`RECURSION_LIMIT`] levels down.
pub fn recursive_vec<S: Strategy>(
    strategy: S,
    min: usize,
    max: usize,
) -> impl Strategy<Value = Vec<S::Value>> {
    let max = if at_recursion_limit() {
        min
    } else {
        max.max(min)
    };
    proptest::collection::vec(strategy, min..=max)
}

/// The strategy of a generated type built from `strategy`'s values, boxed as generated
/// `Arbitrary` impls return it: a struct from its fields, a choice from one variant's value.
pub fn map<S, T>(strategy: S, build: fn(S::Value) -> T) -> BoxedStrategy<T>
where
    S: Strategy + 'static,
    T: fmt::Debug + 'static,
{
    strategy.prop_map(build).boxed()
}

/// A group of a wide struct's field strategies, boxed so that the value trees of one group
/// at a time sit on the stack.
pub fn fields<S: Strategy + 'static>(strategy: S) -> BoxedStrategy<S::Value> {
    strategy.boxed()
}

/// Always `value`: the strategy of a struct without fields.
pub fn just<T: Clone + fmt::Debug + 'static>(value: T) -> BoxedStrategy<T> {
    Just(value).boxed()
}

/// Any one of `variants`, each as likely: the strategy of a choice or a family of derived
/// types. Generated code always passes at least one.
pub fn one_of<T: fmt::Debug + 'static>(variants: Vec<BoxedStrategy<T>>) -> BoxedStrategy<T> {
    proptest::strategy::Union::new(variants).boxed()
}

/// One of the `known` values of an enumeration, or now and then a token it does not list,
/// wrapped by `unknown`.
pub fn enumeration<T: Clone + fmt::Debug + 'static>(
    known: Vec<T>,
    unknown: fn(String) -> T,
) -> BoxedStrategy<T> {
    let unknown = unknown_token().prop_map(unknown);
    if known.is_empty() {
        return unknown.boxed();
    }
    let weight = u32::try_from(known.len()).unwrap_or(u32::MAX);
    prop_oneof![weight => proptest::sample::select(known), 1 => unknown].boxed()
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

    /// A type whose children are of its own type, as generated code writes it.
    #[derive(Debug, Clone)]
    struct Tree(Vec<Tree>);

    impl Tree {
        fn depth(&self) -> u32 {
            self.0.iter().map(|t| t.depth() + 1).max().unwrap_or(0)
        }
    }

    impl Arbitrary for Tree {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            recursive_vec(recursive::<Tree>(), 0, 3)
                .prop_map(Tree)
                .boxed()
        }
    }

    /// A type that must go on until it chooses to stop: a required recursive alternative.
    #[derive(Debug, Clone)]
    enum Peano {
        Zero,
        Succ(Box<Peano>),
    }

    impl Peano {
        fn depth(&self) -> u32 {
            let (mut depth, mut current) = (0, self);
            while let Peano::Succ(next) = current {
                (depth, current) = (depth + 1, next);
            }
            depth
        }
    }

    impl Arbitrary for Peano {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            prop_oneof![Just(Peano::Zero), boxed::<Peano>().prop_map(Peano::Succ)].boxed()
        }
    }

    /// A type without a finite value: each holds another (never read: none is ever made).
    #[derive(Debug, Clone)]
    struct Endless(#[allow(dead_code)] Box<Endless>);

    impl Arbitrary for Endless {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            boxed::<Endless>().prop_map(Endless).boxed()
        }
    }

    #[test]
    fn trees_reach_the_recursion_limit() {
        let mut runner = TestRunner::deterministic();
        let deepest = (0..2_000)
            .filter_map(|_| any::<Tree>().new_tree(&mut runner).ok())
            .map(|tree| tree.current().depth())
            .max();
        assert_eq!(deepest, Some(RECURSION_LIMIT));
    }

    #[test]
    fn a_type_without_end_is_an_error_not_a_stack_overflow() {
        let mut runner = TestRunner::deterministic();
        let error = any::<Endless>().new_tree(&mut runner).err();
        let message = error.map(|reason| reason.message().to_owned());
        assert!(
            message
                .as_deref()
                .is_some_and(|m| m.contains("Endless nests deeper than 38 levels")),
            "{message:?}"
        );
    }

    #[test]
    fn rare_options_are_none_at_the_recursion_limit() {
        let mut runner = TestRunner::deterministic();
        let strategy = {
            let _level = LevelGuard::enter(RECURSION_LIMIT);
            rare_option(u8())
        };
        for _ in 0..100 {
            let value = strategy.new_tree(&mut runner).map(|t| t.current());
            assert_eq!(value, Ok(None));
        }
        let strategy = recursive_vec(u8(), 1, 3);
        let sizes: Vec<usize> = (0..100)
            .filter_map(|_| strategy.new_tree(&mut runner).ok())
            .map(|t| t.current().len())
            .collect();
        assert!(sizes.contains(&3), "{sizes:?}");
        let strategy = {
            let _level = LevelGuard::enter(RECURSION_LIMIT);
            recursive_vec(u8(), 1, 3)
        };
        for _ in 0..100 {
            let value = strategy.new_tree(&mut runner).map(|t| t.current().len());
            assert_eq!(value, Ok(1));
        }
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
        fn trees_nest_at_most_to_the_recursion_limit(tree in any::<Tree>()) {
            prop_assert!(tree.depth() <= RECURSION_LIMIT, "{}", tree.depth());
        }

        #[test]
        fn required_recursion_ends_where_the_type_allows(peano in any::<Peano>()) {
            prop_assert!(peano.depth() <= RECURSION_HARD_LIMIT, "{}", peano.depth());
        }

        #[test]
        fn qnames_and_any_xml_generate(name in qname(), content in any_xml()) {
            prop_assert!(!name.local_name.is_empty());
            let _ = content;
        }
    }
}
