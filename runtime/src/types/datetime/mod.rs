//! `xs:dateTime` kept exactly as written, so that a value read from WCF is written back with
//! the same fraction digits and the same time-zone designator.
//!
//! The lexical form is `-?YYYY-MM-DDThh:mm:ss[.f{1,9}][Z|±hh:mm]`. Years follow XML Schema 1.0:
//! there is no year `0000`, and `-0001` is the year before `0001` (1 BCE).

use std::fmt;
use std::str::FromStr;

use super::primitives::{StackText, collapse};
use crate::codec::SimpleValue;
use crate::xml::ValueError;

/// The largest time-zone offset XML Schema allows, in minutes (14:00).
const MAX_OFFSET_MINUTES: u16 = 14 * 60;

/// The most fraction digits kept (nanoseconds).
const MAX_FRACTION_DIGITS: u8 = 9;

/// `10^(9 - digits)`: the step between nanosecond values that `digits` fraction digits can
/// write. `None` for more than 9 digits.
fn fraction_step(digits: u8) -> Option<u32> {
    let exponent = MAX_FRACTION_DIGITS.checked_sub(digits)?;
    10u32.checked_pow(u32::from(exponent))
}

/// Checks that `nanos` can be written with exactly `digits` fraction digits (0 for none).
pub(crate) fn check_fraction(nanos: u32, digits: u8) -> Result<(), ValueError> {
    if digits > MAX_FRACTION_DIGITS {
        return Err(ValueError::new(format_args!(
            "{digits} fraction digits: at most 9 are supported"
        )));
    }
    if nanos >= 1_000_000_000 {
        return Err(ValueError::new(format_args!(
            "nanosecond {nanos} out of range (at most 999999999)"
        )));
    }
    match fraction_step(digits) {
        Some(step) if nanos.is_multiple_of(step) => Ok(()),
        _ => Err(ValueError::new(format_args!(
            "nanosecond {nanos} needs more than {digits} fraction digits"
        ))),
    }
}

/// Reads the digits after a decimal point as `(nanoseconds, digit count)`.
pub(crate) fn parse_fraction(digits: &str) -> Result<(u32, u8), ValueError> {
    if digits.is_empty() {
        return Err(ValueError::new("a '.' must be followed by fraction digits"));
    }
    let count = u8::try_from(digits.len())
        .ok()
        .filter(|&count| count <= MAX_FRACTION_DIGITS)
        .ok_or_else(|| {
            ValueError::new(format_args!(
                "{} fraction digits: at most 9 are supported",
                digits.len()
            ))
        })?;
    let value = digits
        .bytes()
        .fold(0u32, |acc, b| acc * 10 + u32::from(b.wrapping_sub(b'0')));
    let step = fraction_step(count).unwrap_or(1);
    Ok((value * step, count))
}

/// Appends `.` and the fraction digits, if `digits` is not zero.
pub(crate) fn push_fraction<const N: usize>(text: &mut StackText<N>, nanos: u32, digits: u8) {
    if digits == 0 {
        return;
    }
    let value = nanos / fraction_step(digits).unwrap_or(1);
    text.push(b'.');
    text.push_padded(u64::from(value), usize::from(digits));
}

/// The fraction .NET writes for `nanos`: truncated to ticks (100 ns), with trailing zeros
/// dropped. Returns `(nanoseconds, digit count)`.
pub(crate) fn tick_fraction(nanos: u32) -> (u32, u8) {
    let ticks = nanos.min(999_999_999) / 100;
    if ticks == 0 {
        return (0, 0);
    }
    let mut digits = 7;
    let mut rest = ticks;
    while rest.is_multiple_of(10) {
        rest /= 10;
        digits -= 1;
    }
    (ticks * 100, digits)
}

/// A cursor over a lexical form, for the date-time and duration parsers.
pub(crate) struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor { rest: text }
    }

    /// The text not consumed yet.
    pub(crate) fn rest(&self) -> &'a str {
        self.rest
    }

    /// The next character, without consuming it.
    pub(crate) fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    /// Consumes and returns the next character.
    pub(crate) fn next_char(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.rest = self.rest.get(ch.len_utf8()..).unwrap_or_default();
        Some(ch)
    }

    /// Consumes `ch` if it comes next.
    pub(crate) fn eat(&mut self, ch: char) -> bool {
        match self.rest.strip_prefix(ch) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Consumes the ASCII digits that come next (possibly none).
    pub(crate) fn digits(&mut self) -> &'a str {
        let end = self
            .rest
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(self.rest.len());
        let (digits, rest) = self.rest.split_at_checked(end).unwrap_or((self.rest, ""));
        self.rest = rest;
        digits
    }

    fn expect(&mut self, ch: char, what: &str) -> Result<(), ValueError> {
        if self.eat(ch) {
            Ok(())
        } else {
            Err(ValueError::new(format_args!("expected {what}")))
        }
    }

    fn two_digits(&mut self, what: &str) -> Result<u8, ValueError> {
        match self.digits().as_bytes() {
            &[tens, units] => Ok((tens - b'0') * 10 + (units - b'0')),
            _ => Err(ValueError::new(format_args!("{what} must have two digits"))),
        }
    }
}

/// The value of a run of ASCII digits, or `None` when it does not fit a `u64`.
pub(crate) fn digits_value(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |acc, b| {
        acc.checked_mul(10)?
            .checked_add(u64::from(b.wrapping_sub(b'0')))
    })
}

/// Whether `year` (XML Schema 1.0 numbering: `-1` is 1 BCE) is a leap year.
fn is_leap_year(year: i32) -> bool {
    let astronomical = if year < 0 {
        i64::from(year) + 1
    } else {
        i64::from(year)
    };
    astronomical % 4 == 0 && (astronomical % 100 != 0 || astronomical % 400 == 0)
}

/// The number of days in `month` (1-12) of `year`; 0 for a month out of range.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The time-zone designator of a [`DateTime`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeZoneOffset {
    /// `Z`: UTC.
    Utc,
    /// `±hh:mm`: minutes east of UTC, within ±14:00. `Minutes(0)` is written `+00:00`,
    /// which is the same instant as `Z` but a different lexical form.
    Minutes(i16),
}

impl TimeZoneOffset {
    /// Minutes east of UTC (0 for [`TimeZoneOffset::Utc`]).
    pub fn total_minutes(self) -> i16 {
        match self {
            TimeZoneOffset::Utc => 0,
            TimeZoneOffset::Minutes(minutes) => minutes,
        }
    }

    fn check(self) -> Result<(), ValueError> {
        let minutes = self.total_minutes();
        if minutes.unsigned_abs() > MAX_OFFSET_MINUTES {
            let sign = if minutes < 0 { '-' } else { '+' };
            let abs = minutes.unsigned_abs();
            return Err(ValueError::new(format_args!(
                "time-zone offset {sign}{:02}:{:02} out of range (at most ±14:00)",
                abs / 60,
                abs % 60
            )));
        }
        Ok(())
    }
}

/// An `xs:dateTime` value that keeps its lexical form: the fraction digits as written and
/// whether the time zone was `Z`, an offset, or absent.
///
/// Equality and hashing compare the fields, not the instant: `…T10:00:00Z` and
/// `…T10:00:00+00:00` (or `.5` and `.50`) are different values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    fraction_digits: u8,
    nanosecond: u32,
    offset: Option<TimeZoneOffset>,
}

impl DateTime {
    /// A date-time without fraction and time zone. Fails unless the date exists (year 0 does
    /// not) and the time is within `00:00:00`–`23:59:59` or is `24:00:00`.
    pub fn new(
        year: i32,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Result<Self, ValueError> {
        if year == 0 {
            return Err(ValueError::new(
                "year 0000 is not allowed (the year before 0001 is -0001)",
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(ValueError::new(format_args!("month {month} out of range")));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(ValueError::new(format_args!(
                "day {day} out of range for month {month} of year {year}"
            )));
        }
        if hour > 24 {
            return Err(ValueError::new(format_args!("hour {hour} out of range")));
        }
        if minute > 59 {
            return Err(ValueError::new(format_args!(
                "minute {minute} out of range"
            )));
        }
        if second > 59 {
            return Err(ValueError::new(format_args!(
                "second {second} out of range"
            )));
        }
        if hour == 24 && (minute != 0 || second != 0) {
            return Err(ValueError::new("hour 24 is allowed only as 24:00:00"));
        }
        Ok(DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            fraction_digits: 0,
            nanosecond: 0,
            offset: None,
        })
    }

    /// Sets the fraction of the second: `nanos` written with exactly `digits` fraction digits
    /// (0 for no fraction, else 1-9). Fails if `nanos` needs more digits than `digits`.
    pub fn with_nanos(mut self, nanos: u32, digits: u8) -> Result<Self, ValueError> {
        check_fraction(nanos, digits)?;
        if self.hour == 24 && nanos != 0 {
            return Err(ValueError::new("hour 24 is allowed only as 24:00:00"));
        }
        self.nanosecond = nanos;
        self.fraction_digits = digits;
        Ok(self)
    }

    /// Sets the time zone (`None` for none). Fails for offsets beyond ±14:00.
    pub fn with_offset(mut self, offset: Option<TimeZoneOffset>) -> Result<Self, ValueError> {
        if let Some(offset) = offset {
            offset.check()?;
        }
        self.offset = offset;
        Ok(self)
    }

    /// The year; negative years are BCE (`-1` is 1 BCE), there is no year 0.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1-12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The hour, 0-23, or 24 for `24:00:00` (the end of the day).
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute, 0-59.
    pub fn minute(&self) -> u8 {
        self.minute
    }

    /// The second, 0-59.
    pub fn second(&self) -> u8 {
        self.second
    }

    /// The fraction of the second, in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.nanosecond
    }

    /// How many fraction digits are written (0 for none).
    pub fn fraction_digits(&self) -> u8 {
        self.fraction_digits
    }

    /// The time-zone designator, if any.
    pub fn offset(&self) -> Option<TimeZoneOffset> {
        self.offset
    }
}

/// Appends a value 0-99 as two digits.
fn push_two<const N: usize>(text: &mut StackText<N>, value: u8) {
    text.push(b'0' + (value / 10) % 10);
    text.push(b'0' + value % 10);
}

impl SimpleValue for DateTime {
    const TYPE_NAME: &'static str = "xs:dateTime";

    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        // Longest form: "-2147483648-12-31T23:59:59.999999999-14:00" (42 bytes).
        let mut text = StackText::<48>::new();
        if self.year < 0 {
            text.push(b'-');
        }
        text.push_padded(u64::from(self.year.unsigned_abs()), 4);
        text.push(b'-');
        push_two(&mut text, self.month);
        text.push(b'-');
        push_two(&mut text, self.day);
        text.push(b'T');
        push_two(&mut text, self.hour);
        text.push(b':');
        push_two(&mut text, self.minute);
        text.push(b':');
        push_two(&mut text, self.second);
        push_fraction(&mut text, self.nanosecond, self.fraction_digits);
        match self.offset {
            None => {}
            Some(TimeZoneOffset::Utc) => text.push(b'Z'),
            Some(TimeZoneOffset::Minutes(minutes)) => {
                text.push(if minutes < 0 { b'-' } else { b'+' });
                let abs = minutes.unsigned_abs();
                push_two(&mut text, u8::try_from(abs / 60).unwrap_or(99));
                text.push(b':');
                push_two(&mut text, u8::try_from(abs % 60).unwrap_or(99));
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
        let year_digits = c.digits();
        if year_digits.len() < 4 {
            return Err(ValueError::new("year must have at least four digits"));
        }
        if year_digits.len() > 4 && year_digits.starts_with('0') {
            return Err(ValueError::new(
                "a year of more than four digits must not start with 0",
            ));
        }
        let year = digits_value(year_digits)
            .and_then(|year| i64::try_from(year).ok())
            .map(|year| if negative { -year } else { year })
            .and_then(|year| i32::try_from(year).ok())
            .ok_or_else(|| ValueError::new("year out of range"))?;
        c.expect('-', "'-' after the year")?;
        let month = c.two_digits("month")?;
        c.expect('-', "'-' after the month")?;
        let day = c.two_digits("day")?;
        c.expect('T', "'T' after the date")?;
        let hour = c.two_digits("hour")?;
        c.expect(':', "':' after the hour")?;
        let minute = c.two_digits("minute")?;
        c.expect(':', "':' after the minute")?;
        let second = c.two_digits("second")?;
        let (nanos, digits) = if c.eat('.') {
            parse_fraction(c.digits())?
        } else {
            (0, 0)
        };
        let offset = match c.peek() {
            Some('Z') => {
                c.next_char();
                Some(TimeZoneOffset::Utc)
            }
            Some(sign @ ('+' | '-')) => {
                c.next_char();
                let hours = c.two_digits("time-zone hours")?;
                c.expect(':', "':' in the time-zone offset")?;
                let minutes = c.two_digits("time-zone minutes")?;
                if minutes > 59 {
                    return Err(ValueError::new(format_args!(
                        "time-zone minutes {minutes} out of range"
                    )));
                }
                let total = i16::from(hours) * 60 + i16::from(minutes);
                Some(TimeZoneOffset::Minutes(if sign == '-' {
                    -total
                } else {
                    total
                }))
            }
            _ => None,
        };
        if !c.rest().is_empty() {
            return Err(ValueError::new(format_args!(
                "unexpected {:?} after the {}",
                c.rest(),
                if offset.is_some() {
                    "time zone"
                } else {
                    "time"
                }
            )));
        }
        DateTime::new(year, month, day, hour, minute, second)?
            .with_nanos(nanos, digits)?
            .with_offset(offset)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|text| f.write_str(text))
    }
}

impl FromStr for DateTime {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_text(s)
    }
}

#[cfg(feature = "chrono")]
impl DateTime {
    /// The local date and time, ignoring the time zone. `24:00:00` becomes midnight of the
    /// next day. `None` when the year is beyond chrono's range.
    pub fn to_naive(&self) -> Option<chrono::NaiveDateTime> {
        let year = if self.year < 0 {
            self.year.checked_add(1)?
        } else {
            self.year
        };
        let date = chrono::NaiveDate::from_ymd_opt(year, self.month.into(), self.day.into())?;
        if self.hour == 24 {
            return date.succ_opt()?.and_hms_opt(0, 0, 0);
        }
        let time = chrono::NaiveTime::from_hms_nano_opt(
            self.hour.into(),
            self.minute.into(),
            self.second.into(),
            self.nanosecond,
        )?;
        Some(date.and_time(time))
    }

    /// The instant, with its offset. `None` without a time zone (the instant is unknown) or
    /// when the year is beyond chrono's range.
    pub fn to_chrono(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        use chrono::TimeZone as _;
        let minutes = self.offset?.total_minutes();
        let offset = chrono::FixedOffset::east_opt(i32::from(minutes) * 60)?;
        offset.from_local_datetime(&self.to_naive()?).single()
    }

    /// Builds a value from chrono's fields, with the fraction .NET would write.
    fn from_naive(naive: chrono::NaiveDateTime, offset: Option<TimeZoneOffset>) -> Self {
        use chrono::{Datelike as _, Timelike as _};
        let narrow = |value: u32| u8::try_from(value).unwrap_or(u8::MAX);
        let year = naive.year();
        let (nanosecond, fraction_digits) = tick_fraction(naive.nanosecond());
        DateTime {
            year: if year <= 0 { year - 1 } else { year },
            month: narrow(naive.month()),
            day: narrow(naive.day()),
            hour: narrow(naive.hour()),
            minute: narrow(naive.minute()),
            second: narrow(naive.second()),
            fraction_digits,
            nanosecond,
            offset,
        }
    }
}

/// Written with `Z` and the fraction WCF writes: up to 7 digits (100 ns ticks, finer parts
/// truncated), trailing zeros dropped, none for a whole second.
#[cfg(feature = "chrono")]
impl From<chrono::DateTime<chrono::Utc>> for DateTime {
    fn from(value: chrono::DateTime<chrono::Utc>) -> Self {
        DateTime::from_naive(value.naive_utc(), Some(TimeZoneOffset::Utc))
    }
}

/// Written with the offset as `±hh:mm` and the fraction WCF writes (see the `Utc`
/// conversion). Offsets XML Schema cannot carry (beyond ±14:00 or with seconds) are
/// converted to UTC and written with `Z`.
#[cfg(feature = "chrono")]
impl From<chrono::DateTime<chrono::FixedOffset>> for DateTime {
    fn from(value: chrono::DateTime<chrono::FixedOffset>) -> Self {
        let seconds = value.offset().local_minus_utc();
        let minutes = i16::try_from(seconds / 60)
            .ok()
            .filter(|m| seconds % 60 == 0 && m.unsigned_abs() <= MAX_OFFSET_MINUTES);
        match minutes {
            Some(minutes) => {
                DateTime::from_naive(value.naive_local(), Some(TimeZoneOffset::Minutes(minutes)))
            }
            None => DateTime::from_naive(value.naive_utc(), Some(TimeZoneOffset::Utc)),
        }
    }
}

/// Written without a time zone and with the fraction WCF writes (see the `Utc` conversion).
#[cfg(feature = "chrono")]
impl From<chrono::NaiveDateTime> for DateTime {
    fn from(value: chrono::NaiveDateTime) -> Self {
        DateTime::from_naive(value, None)
    }
}

#[cfg(test)]
mod tests;
