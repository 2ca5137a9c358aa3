//! Unit tests of the built-in value codecs: round trips, and the refusals with their reasons.

#![allow(clippy::unwrap_used)]

use super::*;

/// Parses `text` as `T` and writes it back.
fn round_trip<T: SimpleValue>(text: &str) -> Result<String, ValueError> {
    T::parse_text(text).map(|v| v.with_text(str::to_owned))
}

/// The error message `T` gives for `text`.
fn error<T: SimpleValue + fmt::Debug>(text: &str) -> String {
    match T::parse_text(text) {
        Ok(v) => panic!("{text:?} parsed as {v:?}"),
        Err(e) => e.to_string(),
    }
}

/// The reason `text` is refused for, and whether the decoder's own error is its source.
fn refusal<T: SimpleValue + fmt::Debug>(text: &str) -> (String, bool) {
    match T::parse_text(text) {
        Ok(v) => panic!("{text:?} parsed as {v:?}"),
        Err(e) => (e.to_string(), std::error::Error::source(&e).is_some()),
    }
}

#[test]
fn strings_pass_through_untouched() {
    for text in ["", "  padded  ", "a<b>&c\r\n", "é中😀"] {
        assert_eq!(round_trip::<String>(text).as_deref(), Ok(text));
    }
}

#[test]
fn booleans() {
    assert_eq!(bool::parse_text(" true\n"), Ok(true));
    assert_eq!(bool::parse_text("1"), Ok(true));
    assert_eq!(bool::parse_text("false"), Ok(false));
    assert_eq!(bool::parse_text("0"), Ok(false));
    assert_eq!(false.with_text(str::to_owned), "false");
    assert_eq!(round_trip::<bool>("true").as_deref(), Ok("true"));
    for bad in ["True", "yes", "", "2", "t"] {
        assert_eq!(error::<bool>(bad), "expected true, false, 1 or 0");
    }
}

#[test]
fn integers() {
    assert_eq!(i32::parse_text(" +42 "), Ok(42));
    assert_eq!(i32::parse_text("-2147483648"), Ok(i32::MIN));
    assert_eq!(i8::parse_text("-128"), Ok(-128));
    assert_eq!(u8::parse_text("255"), Ok(255));
    assert_eq!(u16::parse_text("-0"), Ok(0));
    assert_eq!(u64::parse_text("18446744073709551615"), Ok(u64::MAX));
    assert_eq!(i64::parse_text("0007"), Ok(7));
    for text in ["0", "-1", "127", "-128"] {
        assert_eq!(round_trip::<i8>(text).as_deref(), Ok(text));
    }
    for text in ["0", "4294967295"] {
        assert_eq!(round_trip::<u32>(text).as_deref(), Ok(text));
    }
    assert_eq!(
        round_trip::<i64>("-9223372036854775808").as_deref(),
        Ok("-9223372036854775808")
    );
    assert_eq!(round_trip::<u16>("65535").as_deref(), Ok("65535"));
    assert_eq!(round_trip::<i16>("-32768").as_deref(), Ok("-32768"));
    assert_eq!(
        round_trip::<u64>("18446744073709551615").as_deref(),
        Ok("18446744073709551615")
    );
}

#[test]
fn integer_errors_say_what_is_wrong() {
    assert_eq!(error::<i32>(""), "not a number: the text is empty");
    assert_eq!(error::<i32>("  "), "not a number: the text is empty");
    for bad in ["abc", "1.0", "+", "-", "+-1", "1 2", "0x10", "1e3"] {
        assert_eq!(
            error::<i32>(bad),
            "not a number: expected an optional sign followed by digits",
            "{bad:?}"
        );
    }
    assert_eq!(
        error::<i8>("128"),
        "out of range: xs:byte values are -128 to 127"
    );
    assert_eq!(
        error::<i8>("-129"),
        "out of range: xs:byte values are -128 to 127"
    );
    assert_eq!(
        error::<u8>("-1"),
        "out of range: xs:unsignedByte values are 0 to 255"
    );
    assert_eq!(
        error::<u64>("18446744073709551616"),
        "out of range: xs:unsignedLong values are 0 to 18446744073709551615"
    );
    assert_eq!(
        error::<i32>("99999999999999999999999"),
        "out of range: xs:int values are -2147483648 to 2147483647"
    );
}

#[test]
fn floats() {
    assert_eq!(f64::parse_text("1.5"), Ok(1.5));
    assert_eq!(f64::parse_text(" -0 "), Ok(-0.0));
    assert_eq!(f64::parse_text("1E3"), Ok(1000.0));
    assert_eq!(f64::parse_text("1e-3"), Ok(0.001));
    assert_eq!(f64::parse_text(".5"), Ok(0.5));
    assert_eq!(f64::parse_text("5."), Ok(5.0));
    assert_eq!(f64::parse_text("+2.5E+2"), Ok(250.0));
    assert_eq!(f64::parse_text("INF"), Ok(f64::INFINITY));
    assert_eq!(f64::parse_text("+INF"), Ok(f64::INFINITY));
    assert_eq!(f32::parse_text("-INF"), Ok(f32::NEG_INFINITY));
    assert!(f64::parse_text("NaN").unwrap().is_nan());
    assert_eq!(0.0f64.with_text(str::to_owned), "0.0");
    assert_eq!(f64::NAN.with_text(str::to_owned), "NaN");
    assert_eq!(f32::NEG_INFINITY.with_text(str::to_owned), "-INF");
    assert_eq!(0.1f32.with_text(str::to_owned), "0.1");
    for text in [
        "0.0", "1.5", "-2.25", "1e21", "1e-7", "INF", "-INF", "NaN", "-0.0",
    ] {
        assert_eq!(round_trip::<f64>(text).as_deref(), Ok(text));
    }
    for text in ["0.1", "3.4028235e38", "INF"] {
        assert_eq!(round_trip::<f32>(text).as_deref(), Ok(text));
    }
}

#[test]
fn float_errors() {
    let message = "not a number: expected a decimal or exponent form, INF, -INF or NaN";
    for bad in [
        "inf", "infinity", "Infinity", "nan", "NAN", "-inf", "1,5", "e3", "1e", ".", "--1", "0x1p3",
    ] {
        assert_eq!(error::<f64>(bad), message, "{bad:?}");
    }
    assert_eq!(error::<f32>(""), "not a number: the text is empty");
}

#[test]
fn decimals_keep_their_scale() {
    for text in [
        "1.50",
        "0",
        "-12.345",
        "0.0000001",
        "79228162514264337593543950335",
        "-0.5",
        "-0",
        "-0.00",
    ] {
        assert_eq!(round_trip::<Decimal>(text).as_deref(), Ok(text), "{text:?}");
    }
    assert_eq!(Decimal::parse_text("+1.5"), Ok(Decimal::new(15, 1)));
    assert_eq!(round_trip::<Decimal>(" .5 ").as_deref(), Ok("0.5"));
    assert_eq!(round_trip::<Decimal>("5.").as_deref(), Ok("5"));
    assert_eq!(round_trip::<Decimal>("007.20").as_deref(), Ok("7.20"));
    assert_eq!(
        Decimal::parse_text("0.12345678901234567890123456785"),
        Ok(Decimal::from_i128_with_scale(
            1234567890123456789012345678,
            28
        ))
    );
}

#[test]
fn decimal_errors() {
    let syntax = "not a decimal: expected an optional sign, digits and an optional fraction \
                  (exponents are not allowed)";
    for bad in [
        "1E3", "1e-2", ".", "+", "-.", "1.2.3", "abc", "1 000", "1_000", "INF",
    ] {
        assert_eq!(error::<Decimal>(bad), syntax, "{bad:?}");
    }
    assert_eq!(error::<Decimal>(""), "not a number: the text is empty");
    let range = "out of range: xs:decimal values here are \
                 -79228162514264337593543950335 to 79228162514264337593543950335";
    assert_eq!(error::<Decimal>("79228162514264337593543950336"), range);
    assert_eq!(
        error::<Decimal>("1234567890123456789012345678901234567890"),
        range
    );
}

#[test]
fn guids() {
    let text = "0f8fad5b-d9cb-469f-a165-70867728950e";
    assert_eq!(round_trip::<Uuid>(text).as_deref(), Ok(text));
    assert_eq!(
        round_trip::<Uuid>(" 0F8FAD5B-D9CB-469F-A165-70867728950E\n").as_deref(),
        Ok(text)
    );
    for bad in ["0f8fad5b-d9cb-469f-a165", ""] {
        assert_eq!(
            refusal::<Uuid>(bad),
            ("not a GUID".to_owned(), true),
            "{bad:?}"
        );
    }
}

#[test]
fn chars_are_code_points() {
    assert_eq!(char::parse_text("65"), Ok('A'));
    assert_eq!(char::parse_text(" 20013 "), Ok('中'));
    assert_eq!('😀'.with_text(str::to_owned), "128512");
    for text in ["65", "9", "10", "13", "233", "65533", "1114111"] {
        assert_eq!(round_trip::<char>(text).as_deref(), Ok(text));
    }
    assert_eq!(
        error::<char>("55296"),
        "code point 55296 is not a character (a surrogate or beyond U+10FFFF)"
    );
    assert_eq!(
        error::<char>("1114112"),
        "code point 1114112 is not a character (a surrogate or beyond U+10FFFF)"
    );
    assert_eq!(
        error::<char>("0"),
        "character U+0000 cannot be carried by XML 1.0"
    );
    assert_eq!(
        error::<char>("65534"),
        "character U+FFFE cannot be carried by XML 1.0"
    );
    assert_eq!(
        error::<char>("A"),
        "expected the decimal code point of a character: \
         not a number: expected an optional sign followed by digits"
    );
    assert!(error::<char>("-1").contains("out of range"));
}

#[test]
fn base64() {
    assert_eq!(Vec::<u8>::parse_text(""), Ok(Vec::new()));
    assert_eq!(Vec::<u8>::parse_text(" \n "), Ok(Vec::new()));
    assert_eq!(
        Vec::<u8>::parse_text("aGVs\r\n bG8=\n"),
        Ok(b"hello".to_vec())
    );
    assert_eq!(b"hello".to_vec().with_text(str::to_owned), "aGVsbG8=");
    for text in ["", "AA==", "AAE=", "AAEC", "/+/+", "aGVsbG8gd29ybGQ="] {
        assert_eq!(round_trip::<Vec<u8>>(text).as_deref(), Ok(text));
    }
    for bad in ["aGVsbG8", "aGVsbG8==", "a-_b", "!!!!", "AB=C"] {
        assert_eq!(
            refusal::<Vec<u8>>(bad),
            ("not base64".to_owned(), true),
            "{bad:?}"
        );
    }
}

#[test]
fn stack_text_drops_overflow_instead_of_panicking() {
    let mut text = StackText::<4>::new();
    text.push_str("abc");
    text.push_str("de");
    text.push(b'f');
    text.push(b'g');
    assert_eq!(text.as_str(), "abcf");
    let mut padded = StackText::<16>::new();
    padded.push_padded(7, 4);
    padded.push_padded(12345, 2);
    assert_eq!(padded.as_str(), "000712345");
}
