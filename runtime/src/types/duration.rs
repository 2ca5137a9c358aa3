//! `xs:duration` (and WCF's `ser:duration`) kept exactly as written: which components are
//! present, their values, the sign and the fraction digits of the seconds.
//!
//! The lexical form is `-?P(nY)?(nM)?(nD)?(T(nH)?(nM)?(n(.f)?S)?)?` with at least one
//! component, and at least one time component after `T`.

use std::fmt;
use std::str::FromStr;

use super::datetime::{Cursor, check_fraction, digits_value, parse_fraction, push_fraction};
use super::primitives::{StackText, collapse};
use crate::codec::SimpleValue;
use crate::xml::ValueError;

const SECONDS_PER_MINUTE: u64 = 60;
const SECONDS_PER_HOUR: u64 = 60 * SECONDS_PER_MINUTE;
const SECONDS_PER_DAY: u64 = 24 * SECONDS_PER_HOUR;

/// An `xs:duration` value that keeps its lexical form.
///
/// Equality and hashing compare the components, not the length: `PT60S` and `PT1M` are
/// different values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    negative: bool,
    years: Option<u64>,
    months: Option<u64>,
    days: Option<u64>,
    hours: Option<u64>,
    minutes: Option<u64>,
    seconds: Option<u64>,
    fraction_digits: u8,
    nanosecond: u32,
}

impl Duration {
    /// A duration of the given components (`None` for an absent one), negated when
    /// `negative`. Fails when every component is absent.
    pub fn new(
        negative: bool,
        years: Option<u64>,
        months: Option<u64>,
        days: Option<u64>,
        hours: Option<u64>,
        minutes: Option<u64>,
        seconds: Option<u64>,
    ) -> Result<Self, ValueError> {
        let duration = Duration {
            negative,
            years,
            months,
            days,
            hours,
            minutes,
            seconds,
            fraction_digits: 0,
            nanosecond: 0,
        };
        if duration.components().iter().all(Option::is_none) {
            return Err(ValueError::new("a duration needs at least one component"));
        }
        Ok(duration)
    }

    /// Sets the fraction of the seconds: `nanos` written with exactly `digits` fraction
    /// digits (0 for no fraction, else 1-9). Fails without a seconds component or when
    /// `nanos` needs more digits than `digits`.
    pub fn with_nanos(mut self, nanos: u32, digits: u8) -> Result<Self, ValueError> {
        check_fraction(nanos, digits)?;
        if digits > 0 && self.seconds.is_none() {
            return Err(ValueError::new("a fraction needs a seconds component"));
        }
        self.nanosecond = nanos;
        self.fraction_digits = digits;
        Ok(self)
    }

    /// Converts a standard duration the way .NET's `XmlConvert` writes a `TimeSpan`:
    /// days, hours and minutes that are not zero, then seconds with up to 7 fraction digits
    /// (100 ns ticks; finer parts are truncated, trailing zeros dropped). Zero is `PT0S`.
    pub fn from_std(value: std::time::Duration) -> Self {
        let total = value.as_secs();
        let (nanosecond, fraction_digits) = super::datetime::tick_fraction(value.subsec_nanos());
        let non_zero = |n: u64| (n != 0).then_some(n);
        let days = non_zero(total / SECONDS_PER_DAY);
        let hours = non_zero(total % SECONDS_PER_DAY / SECONDS_PER_HOUR);
        let minutes = non_zero(total % SECONDS_PER_HOUR / SECONDS_PER_MINUTE);
        let whole_seconds = total % SECONDS_PER_MINUTE;
        let seconds = if whole_seconds != 0
            || fraction_digits != 0
            || (days.is_none() && hours.is_none() && minutes.is_none())
        {
            Some(whole_seconds)
        } else {
            None
        };
        Duration {
            negative: false,
            years: None,
            months: None,
            days,
            hours,
            minutes,
            seconds,
            fraction_digits,
            nanosecond,
        }
    }

    /// Whether the duration is negative (written with a leading `-`).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The years component, if present.
    pub fn years(&self) -> Option<u64> {
        self.years
    }

    /// The months component, if present.
    pub fn months(&self) -> Option<u64> {
        self.months
    }

    /// The days component, if present.
    pub fn days(&self) -> Option<u64> {
        self.days
    }

    /// The hours component, if present.
    pub fn hours(&self) -> Option<u64> {
        self.hours
    }

    /// The minutes component, if present.
    pub fn minutes(&self) -> Option<u64> {
        self.minutes
    }

    /// The whole seconds of the seconds component, if present.
    pub fn seconds(&self) -> Option<u64> {
        self.seconds
    }

    /// The fraction of the seconds component, in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.nanosecond
    }

    /// How many fraction digits the seconds are written with (0 for none).
    pub fn fraction_digits(&self) -> u8 {
        self.fraction_digits
    }

    fn components(&self) -> [Option<u64>; 6] {
        [
            self.years,
            self.months,
            self.days,
            self.hours,
            self.minutes,
            self.seconds,
        ]
    }

    /// The length in whole seconds of the day and time components, ignoring the sign, or
    /// `None` when it overflows.
    fn day_time_seconds(&self) -> Option<u64> {
        let part = |value: Option<u64>, unit: u64| value.unwrap_or(0).checked_mul(unit);
        part(self.days, SECONDS_PER_DAY)?
            .checked_add(part(self.hours, SECONDS_PER_HOUR)?)?
            .checked_add(part(self.minutes, SECONDS_PER_MINUTE)?)?
            .checked_add(self.seconds.unwrap_or(0))
    }

    /// Whether years or months make the length depend on the calendar.
    fn has_calendar_part(&self) -> bool {
        self.years.unwrap_or(0) != 0 || self.months.unwrap_or(0) != 0
    }

    /// The length as a standard duration. `None` when negative (and not zero), when it has
    /// years or months (their length varies), or when it overflows.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        if self.has_calendar_part() {
            return None;
        }
        let seconds = self.day_time_seconds()?;
        if self.negative && (seconds != 0 || self.nanosecond != 0) {
            return None;
        }
        std::time::Duration::new(seconds, 0)
            .checked_add(std::time::Duration::from_nanos(u64::from(self.nanosecond)))
    }

    /// The length as a chrono time delta, negative when the duration is. `None` when it has
    /// years or months (their length varies) or is beyond chrono's range.
    #[cfg(feature = "chrono")]
    pub fn to_chrono(&self) -> Option<chrono::TimeDelta> {
        if self.has_calendar_part() {
            return None;
        }
        let seconds = i64::try_from(self.day_time_seconds()?).ok()?;
        let delta = chrono::TimeDelta::new(seconds, self.nanosecond)?;
        if self.negative {
            chrono::TimeDelta::zero().checked_sub(&delta)
        } else {
            Some(delta)
        }
    }
}

impl From<std::time::Duration> for Duration {
    fn from(value: std::time::Duration) -> Self {
        Duration::from_std(value)
    }
}

impl SimpleValue for Duration {
    const TYPE_NAME: &'static str = "xs:duration";

    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        // Longest form: "-P", six 20-digit numbers with designators, "T", ".fffffffff".
        let mut text = StackText::<160>::new();
        if self.negative {
            text.push(b'-');
        }
        text.push(b'P');
        let part = |text: &mut StackText<160>, value: Option<u64>, designator: u8| {
            if let Some(value) = value {
                text.push_padded(value, 1);
                text.push(designator);
            }
        };
        part(&mut text, self.years, b'Y');
        part(&mut text, self.months, b'M');
        part(&mut text, self.days, b'D');
        if self.hours.is_some() || self.minutes.is_some() || self.seconds.is_some() {
            text.push(b'T');
            part(&mut text, self.hours, b'H');
            part(&mut text, self.minutes, b'M');
            if let Some(seconds) = self.seconds {
                text.push_padded(seconds, 1);
                push_fraction(&mut text, self.nanosecond, self.fraction_digits);
                text.push(b'S');
            }
        }
        f(text.as_str())
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let text = collapse(text);
        if text.is_empty() {
            return Err(ValueError::new("the text is empty"));
        }
        let mut c = Cursor::new(text);
        let negative = c.eat('-');
        if !c.eat('P') {
            return Err(ValueError::new("a duration starts with 'P' (or '-P')"));
        }
        // Years, months, days, hours, minutes, seconds.
        let mut slots: [Option<u64>; 6] = [None; 6];
        let mut next_slot = 0;
        let mut in_time = false;
        let mut fraction = (0, 0);
        while c.peek().is_some() {
            if c.eat('T') {
                if in_time {
                    return Err(ValueError::new("'T' occurs twice"));
                }
                in_time = true;
                next_slot = 3;
                continue;
            }
            let digits = c.digits();
            if digits.is_empty() {
                return Err(ValueError::new(format_args!(
                    "expected a number at {:?}",
                    c.rest()
                )));
            }
            let value = digits_value(digits).ok_or_else(|| {
                ValueError::new(format_args!(
                    "number {digits} out of range (at most {})",
                    u64::MAX
                ))
            })?;
            let has_fraction = c.eat('.');
            if has_fraction {
                fraction = parse_fraction(c.digits())?;
            }
            let slot = match (in_time, c.next_char()) {
                (false, Some('Y')) => 0,
                (false, Some('M')) => 1,
                (false, Some('D')) => 2,
                (true, Some('H')) => 3,
                (true, Some('M')) => 4,
                (true, Some('S')) => 5,
                (false, Some(d @ ('H' | 'S'))) => {
                    return Err(ValueError::new(format_args!(
                        "'{d}' is a time component and needs 'T' before it"
                    )));
                }
                (true, Some(d @ ('Y' | 'D'))) => {
                    return Err(ValueError::new(format_args!(
                        "'{d}' is a date component and must come before 'T'"
                    )));
                }
                (_, Some(other)) => {
                    return Err(ValueError::new(format_args!(
                        "unexpected {other:?} where a designator was expected"
                    )));
                }
                (_, None) => {
                    return Err(ValueError::new(format_args!(
                        "number {digits} has no designator"
                    )));
                }
            };
            if slot < next_slot {
                return Err(ValueError::new(
                    "components must occur at most once, in the order Y, M, D, T, H, M, S",
                ));
            }
            if has_fraction && slot != 5 {
                return Err(ValueError::new("only the seconds may have a fraction"));
            }
            if let Some(target) = slots.get_mut(slot) {
                *target = Some(value);
            }
            next_slot = slot + 1;
        }
        let [years, months, days, hours, minutes, seconds] = slots;
        if in_time && hours.is_none() && minutes.is_none() && seconds.is_none() {
            return Err(ValueError::new(
                "'T' must be followed by hours, minutes or seconds",
            ));
        }
        Duration::new(negative, years, months, days, hours, minutes, seconds)?
            .with_nanos(fraction.0, fraction.1)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|text| f.write_str(text))
    }
}

impl FromStr for Duration {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_text(s)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Result<String, ValueError> {
        Duration::parse_text(text).map(|v| v.with_text(str::to_owned))
    }

    fn error(text: &str) -> String {
        match Duration::parse_text(text) {
            Ok(v) => panic!("{text:?} parsed as {v:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn round_trips_exactly() {
        for text in [
            "PT0S",
            "P0D",
            "P1Y",
            "P1M",
            "PT1M",
            "P1Y2M3DT4H5M6.789S",
            "-P1D",
            "-PT0.0000001S",
            "P1DT1H1M1.5S",
            "PT36H",
            "P0Y0M0DT0H0M0.000S",
            "PT18446744073709551615S",
            "P18446744073709551615Y",
            "PT1.123456789S",
            "P2MT3M",
            "P10675199DT2H48M5.4775807S",
        ] {
            assert_eq!(round_trip(text).as_deref(), Ok(text), "{text:?}");
        }
        assert_eq!(round_trip("\n P01D ").as_deref(), Ok("P1D"));
    }

    #[test]
    fn keeps_components() {
        let value: Duration = "-P1Y2M3DT4H5M6.50S".parse().unwrap();
        assert!(value.is_negative());
        assert_eq!(
            [value.years(), value.months(), value.days()],
            [Some(1), Some(2), Some(3)]
        );
        assert_eq!(
            [value.hours(), value.minutes(), value.seconds()],
            [Some(4), Some(5), Some(6)]
        );
        assert_eq!(
            (value.nanosecond(), value.fraction_digits()),
            (500_000_000, 2)
        );
        assert_eq!(value.to_string(), "-P1Y2M3DT4H5M6.50S");
        assert_ne!(Duration::parse_text("PT60S"), Duration::parse_text("PT1M"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let cases = [
            ("", "the text is empty"),
            ("P", "a duration needs at least one component"),
            ("-P", "a duration needs at least one component"),
            ("PT", "'T' must be followed by hours, minutes or seconds"),
            ("P1DT", "'T' must be followed by hours, minutes or seconds"),
            ("1D", "a duration starts with 'P' (or '-P')"),
            ("+P1D", "a duration starts with 'P' (or '-P')"),
            ("p1d", "a duration starts with 'P' (or '-P')"),
            ("P1", "number 1 has no designator"),
            ("P1H", "'H' is a time component and needs 'T' before it"),
            ("P1S", "'S' is a time component and needs 'T' before it"),
            ("PT1D", "'D' is a date component and must come before 'T'"),
            ("PT1Y", "'Y' is a date component and must come before 'T'"),
            (
                "P1D1Y",
                "components must occur at most once, in the order Y, M, D, T, H, M, S",
            ),
            (
                "P1M1M",
                "components must occur at most once, in the order Y, M, D, T, H, M, S",
            ),
            (
                "PT1S1M",
                "components must occur at most once, in the order Y, M, D, T, H, M, S",
            ),
            ("PT1HT1M", "'T' occurs twice"),
            ("P1.5D", "only the seconds may have a fraction"),
            ("PT1.5M", "only the seconds may have a fraction"),
            ("PT1.S", "a '.' must be followed by fraction digits"),
            ("PT.5S", "expected a number at \".5S\""),
            (
                "PT1.1234567890S",
                "10 fraction digits: at most 9 are supported",
            ),
            ("P-1D", "expected a number at \"-1D\""),
            ("P1X", "unexpected 'X' where a designator was expected"),
            ("P1D junk", "expected a number at \" junk\""),
            ("P1D2", "number 2 has no designator"),
            (
                "PT18446744073709551616S",
                "number 18446744073709551616 out of range (at most 18446744073709551615)",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(error(text), message, "{text:?}");
        }
    }

    #[test]
    fn builder_validates() {
        let value = Duration::new(false, None, None, Some(1), None, None, Some(2))
            .and_then(|d| d.with_nanos(250_000_000, 2))
            .unwrap();
        assert_eq!(value.to_string(), "P1DT2.25S");
        assert_eq!(
            Duration::new(true, None, None, None, None, None, None)
                .unwrap_err()
                .to_string(),
            "a duration needs at least one component"
        );
        let days = Duration::new(false, None, None, Some(1), None, None, None).unwrap();
        assert_eq!(
            days.with_nanos(500_000_000, 1).unwrap_err().to_string(),
            "a fraction needs a seconds component"
        );
        assert_eq!(days.with_nanos(0, 0), Ok(days));
    }

    #[test]
    fn std_conversions_write_like_wcf() {
        use std::time::Duration as Std;
        let cases = [
            (Std::ZERO, "PT0S"),
            (Std::from_millis(90_061_500), "P1DT1H1M1.5S"),
            (Std::from_secs(86_400), "P1D"),
            (Std::from_secs(3_600), "PT1H"),
            (Std::from_secs(86_400 + 60), "P1DT1M"),
            (Std::from_millis(500), "PT0.5S"),
            (Std::new(1, 123_456_789), "PT1.1234567S"),
            (Std::from_nanos(50), "PT0S"),
            (Std::from_nanos(100), "PT0.0000001S"),
        ];
        for (std, text) in cases {
            assert_eq!(Duration::from_std(std).to_string(), text, "{std:?}");
            assert_eq!(Duration::from(std).to_string(), text);
        }
        let parsed = Duration::parse_text("P1DT1H1M1.5S").unwrap();
        assert_eq!(parsed.to_std(), Some(Std::from_millis(90_061_500)));
        assert_eq!(
            Duration::parse_text("PT36H").unwrap().to_std(),
            Some(Std::from_secs(129_600))
        );
        assert_eq!(Duration::parse_text("-PT1S").unwrap().to_std(), None);
        assert_eq!(
            Duration::parse_text("-PT0S").unwrap().to_std(),
            Some(Std::ZERO)
        );
        assert_eq!(Duration::parse_text("P1Y").unwrap().to_std(), None);
        assert_eq!(Duration::parse_text("P1M").unwrap().to_std(), None);
        assert_eq!(
            Duration::parse_text("P0Y0M1D").unwrap().to_std(),
            Some(Std::from_secs(86_400))
        );
        assert_eq!(
            Duration::parse_text("P18446744073709551615D")
                .unwrap()
                .to_std(),
            None
        );
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_conversion() {
        use chrono::TimeDelta;
        assert_eq!(
            Duration::parse_text("-P1DT0.5S").unwrap().to_chrono(),
            Some(-(TimeDelta::days(1) + TimeDelta::milliseconds(500)))
        );
        assert_eq!(
            Duration::parse_text("PT1M").unwrap().to_chrono(),
            Some(TimeDelta::minutes(1))
        );
        assert_eq!(Duration::parse_text("P1Y").unwrap().to_chrono(), None);
        assert_eq!(
            Duration::parse_text("PT18446744073709551615S")
                .unwrap()
                .to_chrono(),
            None
        );
    }
}
