//! Unit tests of the `xs:dateTime` codec: round trips, and the refusals with their reasons.

#![allow(clippy::unwrap_used)]

use super::*;

fn round_trip(text: &str) -> Result<String, ValueError> {
    DateTime::parse_text(text).map(|v| v.with_text(str::to_owned))
}

fn error(text: &str) -> String {
    match DateTime::parse_text(text) {
        Ok(v) => panic!("{text:?} parsed as {v:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn round_trips_wcf_forms_exactly() {
    for text in [
        "2024-02-29T13:45:07",
        "2024-02-29T13:45:07Z",
        "2024-02-29T13:45:07+00:00",
        "2024-02-29T13:45:07-00:30",
        "2024-02-29T13:45:07.1234567",
        "2024-02-29T13:45:07.1234567Z",
        "2024-02-29T13:45:07.1230000+01:00",
        "2024-02-29T13:45:07.5-08:00",
        "2024-02-29T13:45:07.000000001+14:00",
        "2024-02-29T13:45:07.0Z",
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59.9999999",
        "-0001-12-31T00:00:00Z",
        "12345-06-07T08:09:10-14:00",
        "2000-01-01T24:00:00",
        "2000-01-01T24:00:00.000Z",
        "1900-02-28T00:00:00",
        "2000-02-29T00:00:00",
        "-2147483648-01-01T00:00:00",
        "2147483647-12-31T23:59:59.999999999-14:00",
    ] {
        assert_eq!(round_trip(text).as_deref(), Ok(text), "{text:?}");
    }
}

#[test]
fn keeps_fields_and_trims_whitespace() {
    let value = DateTime::parse_text("\n  2009-06-15T13:45:30.0070000-07:00 \t").unwrap();
    assert_eq!((value.year(), value.month(), value.day()), (2009, 6, 15));
    assert_eq!((value.hour(), value.minute(), value.second()), (13, 45, 30));
    assert_eq!(value.nanosecond(), 7_000_000);
    assert_eq!(value.fraction_digits(), 7);
    assert_eq!(value.offset(), Some(TimeZoneOffset::Minutes(-420)));
    assert_eq!(value.to_string(), "2009-06-15T13:45:30.0070000-07:00");
    assert_eq!(
        "2009-06-15T13:45:30.0070000-07:00".parse::<DateTime>(),
        Ok(value)
    );
    assert_ne!(
        DateTime::parse_text("2009-06-15T13:45:30Z"),
        DateTime::parse_text("2009-06-15T13:45:30+00:00")
    );
    assert_eq!(
        DateTime::parse_text("2009-06-15T13:45:30-00:00")
            .unwrap()
            .to_string(),
        "2009-06-15T13:45:30+00:00"
    );
}

#[test]
fn errors_say_what_is_wrong() {
    let cases = [
        ("", "the text is empty"),
        ("2024-13-01T00:00:00", "month 13 out of range"),
        ("2024-00-01T00:00:00", "month 0 out of range"),
        (
            "2023-02-29T00:00:00",
            "day 29 out of range for month 2 of year 2023",
        ),
        (
            "2024-04-31T00:00:00",
            "day 31 out of range for month 4 of year 2024",
        ),
        (
            "2024-04-00T00:00:00",
            "day 0 out of range for month 4 of year 2024",
        ),
        ("2024-04-01T25:00:00", "hour 25 out of range"),
        ("2024-04-01T24:00:01", "hour 24 is allowed only as 24:00:00"),
        (
            "2024-04-01T24:00:00.1",
            "hour 24 is allowed only as 24:00:00",
        ),
        ("2024-04-01T23:60:00", "minute 60 out of range"),
        ("2024-04-01T23:59:60", "second 60 out of range"),
        (
            "0000-01-01T00:00:00",
            "year 0000 is not allowed (the year before 0001 is -0001)",
        ),
        (
            "-0000-01-01T00:00:00",
            "year 0000 is not allowed (the year before 0001 is -0001)",
        ),
        ("024-01-01T00:00:00", "year must have at least four digits"),
        (
            "02024-01-01T00:00:00",
            "a year of more than four digits must not start with 0",
        ),
        ("99999999999-01-01T00:00:00", "year out of range"),
        ("2024-1-01T00:00:00", "month must have two digits"),
        ("2024/01/01T00:00:00", "expected '-' after the year"),
        ("2024-01-01", "expected 'T' after the date"),
        ("2024-01-01 00:00:00", "expected 'T' after the date"),
        ("2024-01-01T00:00", "expected ':' after the minute"),
        (
            "2024-01-01T00:00:00.",
            "a '.' must be followed by fraction digits",
        ),
        (
            "2024-01-01T00:00:00.1234567890",
            "10 fraction digits: at most 9 are supported",
        ),
        (
            "2024-01-01T00:00:00+15:00",
            "time-zone offset +15:00 out of range (at most ±14:00)",
        ),
        (
            "2024-01-01T00:00:00-14:01",
            "time-zone offset -14:01 out of range (at most ±14:00)",
        ),
        (
            "2024-01-01T00:00:00+01:60",
            "time-zone minutes 60 out of range",
        ),
        (
            "2024-01-01T00:00:00+0100",
            "time-zone hours must have two digits",
        ),
        (
            "2024-01-01T00:00:00+01-00",
            "expected ':' in the time-zone offset",
        ),
        (
            "2024-01-01T00:00:00+1:00",
            "time-zone hours must have two digits",
        ),
        ("2024-01-01T00:00:00z", "unexpected \"z\" after the time"),
        (
            "2024-01-01T00:00:00Z junk",
            "unexpected \" junk\" after the time zone",
        ),
        (
            "+2024-01-01T00:00:00",
            "year must have at least four digits",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(error(text), message, "{text:?}");
    }
}

#[test]
fn builder_validates() {
    let value = DateTime::new(2024, 2, 29, 12, 0, 0)
        .and_then(|v| v.with_nanos(500_000_000, 3))
        .and_then(|v| v.with_offset(Some(TimeZoneOffset::Minutes(330))))
        .unwrap();
    assert_eq!(value.to_string(), "2024-02-29T12:00:00.500+05:30");
    assert_eq!(
        DateTime::new(2024, 2, 30, 0, 0, 0).unwrap_err().to_string(),
        "day 30 out of range for month 2 of year 2024"
    );
    let base = DateTime::new(2024, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        base.with_nanos(123_456_789, 3).unwrap_err().to_string(),
        "nanosecond 123456789 needs more than 3 fraction digits"
    );
    assert_eq!(
        base.with_nanos(5, 0).unwrap_err().to_string(),
        "nanosecond 5 needs more than 0 fraction digits"
    );
    assert_eq!(
        base.with_nanos(1_000_000_000, 9).unwrap_err().to_string(),
        "nanosecond 1000000000 out of range (at most 999999999)"
    );
    assert_eq!(
        base.with_nanos(0, 10).unwrap_err().to_string(),
        "10 fraction digits: at most 9 are supported"
    );
    assert_eq!(
        base.with_offset(Some(TimeZoneOffset::Minutes(-841)))
            .unwrap_err()
            .to_string(),
        "time-zone offset -14:01 out of range (at most ±14:00)"
    );
    assert_eq!(
        base.with_nanos(0, 2).unwrap().to_string(),
        "2024-01-01T00:00:00.00"
    );
}

#[test]
fn reads_and_writes_elements() {
    use crate::codec::{from_xml_as, to_xml_as};
    let value = DateTime::parse_text("2024-02-29T13:45:07.25+01:00").unwrap();
    let xml = to_xml_as(&value, "", "v").unwrap();
    assert_eq!(xml, b"<v>2024-02-29T13:45:07.25+01:00</v>");
    assert_eq!(from_xml_as::<DateTime>(&xml, "", "v"), Ok(value));
    let err = from_xml_as::<DateTime>(b"<v>2024-13-01T00:00:00</v>", "", "v").unwrap_err();
    assert!(
        err.to_string().starts_with(
            "expected xs:dateTime, found \"2024-13-01T00:00:00\": month 13 out of range at /v"
        ),
        "{err}"
    );
}

#[test]
fn leap_years_follow_xsd_1_0_numbering() {
    // -0001 is 1 BCE, astronomical year 0, a leap year; -0005 is astronomical -4.
    assert!(DateTime::new(-1, 2, 29, 0, 0, 0).is_ok());
    assert!(DateTime::new(-5, 2, 29, 0, 0, 0).is_ok());
    assert!(DateTime::new(-4, 2, 29, 0, 0, 0).is_err());
    assert!(DateTime::new(1900, 2, 29, 0, 0, 0).is_err());
    assert!(DateTime::new(2000, 2, 29, 0, 0, 0).is_ok());
}

#[cfg(feature = "chrono")]
#[test]
fn chrono_conversions() {
    use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
    let utc = Utc.with_ymd_and_hms(2024, 3, 1, 10, 20, 30).unwrap()
        + chrono::TimeDelta::nanoseconds(123_456_789);
    assert_eq!(
        DateTime::from(utc).to_string(),
        "2024-03-01T10:20:30.1234567Z"
    );
    let whole = Utc.with_ymd_and_hms(2024, 3, 1, 10, 20, 30).unwrap();
    assert_eq!(DateTime::from(whole).to_string(), "2024-03-01T10:20:30Z");
    let half = whole + chrono::TimeDelta::milliseconds(500);
    assert_eq!(DateTime::from(half).to_string(), "2024-03-01T10:20:30.5Z");

    let offset = FixedOffset::east_opt(-(5 * 3600 + 30 * 60)).unwrap();
    let local = offset.with_ymd_and_hms(2024, 3, 1, 10, 20, 30).unwrap();
    let value = DateTime::from(local);
    assert_eq!(value.to_string(), "2024-03-01T10:20:30-05:30");
    assert_eq!(value.to_chrono(), Some(local));
    let odd = FixedOffset::east_opt(15 * 3600).unwrap();
    let far = odd.with_ymd_and_hms(2024, 3, 1, 20, 0, 0).unwrap();
    assert_eq!(DateTime::from(far).to_string(), "2024-03-01T05:00:00Z");

    let naive = NaiveDate::from_ymd_opt(2024, 3, 1)
        .unwrap()
        .and_hms_milli_opt(1, 2, 3, 40)
        .unwrap();
    let value = DateTime::from(naive);
    assert_eq!(value.to_string(), "2024-03-01T01:02:03.04");
    assert_eq!(value.to_naive(), Some(naive));
    assert_eq!(value.to_chrono(), None);

    let parsed = DateTime::parse_text("2024-03-01T10:20:30.1234567Z").unwrap();
    assert_eq!(
        parsed.to_chrono().map(|d| d.with_timezone(&Utc)),
        Some(whole + chrono::TimeDelta::nanoseconds(123_456_700))
    );
    let end_of_day = DateTime::parse_text("2024-02-29T24:00:00").unwrap();
    assert_eq!(
        end_of_day.to_naive(),
        NaiveDate::from_ymd_opt(2024, 3, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
    );
    let bce = DateTime::parse_text("-0001-01-01T00:00:00").unwrap();
    assert_eq!(bce.to_naive().map(|d| chrono::Datelike::year(&d)), Some(0));
    let year_zero = NaiveDate::from_ymd_opt(0, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    assert_eq!(DateTime::from(year_zero).year(), -1);
    assert_eq!(
        DateTime::parse_text("999999-01-01T00:00:00Z")
            .unwrap()
            .to_chrono(),
        None
    );
}
