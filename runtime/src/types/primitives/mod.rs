//! [`SimpleValue`] codecs for the Rust and library types that stand for XML Schema built-ins:
//! strings, booleans, integers, floating point, decimals, GUIDs, characters and binary.
//!
//! Parsing follows the XML Schema lexical spaces (whitespace is collapsed first, except for
//! `xs:string`) and writing produces the forms WCF writes. Nothing on the writing path
//! allocates except base64 encoding.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::codec::SimpleValue;
use crate::xml::{ValueError, is_xml_char};

/// Strips the XML whitespace (space, tab, CR, LF) around `text`, as the "collapse" facet does
/// for a single token.
pub(crate) fn collapse(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// A small text buffer on the stack for writing lexical forms without allocating.
///
/// Writes past the end are dropped (callers size the buffer for their longest form).
pub(crate) struct StackText<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> StackText<N> {
    /// An empty buffer.
    pub(crate) const fn new() -> Self {
        StackText {
            buf: [0; N],
            len: 0,
        }
    }

    /// Appends one ASCII byte.
    pub(crate) fn push(&mut self, byte: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }

    /// Appends bytes of UTF-8 text.
    pub(crate) fn push_str(&mut self, text: &str) {
        let end = self.len.saturating_add(text.len());
        if let Some(dest) = self.buf.get_mut(self.len..end) {
            dest.copy_from_slice(text.as_bytes());
            self.len = end;
        }
    }

    /// Appends `value` in decimal, zero-padded to at least `width` digits.
    pub(crate) fn push_padded(&mut self, value: u64, width: usize) {
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(value);
        for _ in digits.len()..width {
            self.push(b'0');
        }
        self.push_str(digits);
    }

    /// The text written so far.
    pub(crate) fn as_str(&self) -> &str {
        let bytes = self.buf.get(..self.len).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl<const N: usize> fmt::Write for StackText<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.len.saturating_add(s.len()) > N {
            return Err(fmt::Error);
        }
        self.push_str(s);
        Ok(())
    }
}

impl SimpleValue for String {
    const TYPE_NAME: &'static str = "xs:string";

    #[inline]
    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(self)
    }

    #[inline]
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }
}

impl SimpleValue for bool {
    const TYPE_NAME: &'static str = "xs:boolean";

    #[inline]
    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(if *self { "true" } else { "false" })
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        match collapse(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::new("expected true, false, 1 or 0")),
        }
    }
}

/// Splits an integer lexical form into its sign (`true` for `-`) and digits, or says why it
/// is not one.
fn integer_digits(text: &str) -> Result<(bool, &str), ValueError> {
    let text = collapse(text);
    if text.is_empty() {
        return Err(ValueError::new("not a number: the text is empty"));
    }
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or_default()),
        Some(b'+') => (false, text.get(1..).unwrap_or_default()),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::new(
            "not a number: expected an optional sign followed by digits",
        ));
    }
    Ok((negative, digits))
}

macro_rules! integer_value {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        impl SimpleValue for $ty {
            const TYPE_NAME: &'static str = $name;

            #[inline]
            fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                let mut buffer = itoa::Buffer::new();
                f(buffer.format(*self))
            }

            fn parse_text(text: &str) -> Result<Self, ValueError> {
                let (negative, digits) = integer_digits(text)?;
                let parsed = if negative {
                    // Unsigned types accept "-0"; `from_str` refuses it.
                    if <$ty>::MIN == 0 && digits.bytes().all(|b| b == b'0') {
                        Ok(0)
                    } else {
                        // Parse with the sign so that MIN itself is in range.
                        let start = collapse(text);
                        <$ty>::from_str(start)
                    }
                } else {
                    <$ty>::from_str(digits)
                };
                parsed.map_err(|e| {
                    ValueError::new(format_args!(
                        "out of range: {} values are {} to {}",
                        $name,
                        <$ty>::MIN,
                        <$ty>::MAX
                    ))
                    .with_source(e)
                })
            }
        }
    )*};
}

integer_value! {
    i8 => "xs:byte",
    i16 => "xs:short",
    i32 => "xs:int",
    i64 => "xs:long",
    u8 => "xs:unsignedByte",
    u16 => "xs:unsignedShort",
    u32 => "xs:unsignedInt",
    u64 => "xs:unsignedLong",
}

/// Checks the characters of a finite `xs:float`/`xs:double` lexical form before Rust's
/// parser, which also accepts spellings XML Schema does not (`inf`, `infinity`, `nan`).
fn float_form(text: &str) -> Result<&str, ValueError> {
    let text = collapse(text);
    if text.is_empty() {
        return Err(ValueError::new("not a number: the text is empty"));
    }
    if !text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
    {
        return Err(ValueError::new(
            "not a number: expected a decimal or exponent form, INF, -INF or NaN",
        ));
    }
    Ok(text)
}

macro_rules! float_value {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        impl SimpleValue for $ty {
            const TYPE_NAME: &'static str = $name;

            #[inline]
            fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                if self.is_nan() {
                    f("NaN")
                } else if self.is_infinite() {
                    f(if self.is_sign_negative() { "-INF" } else { "INF" })
                } else {
                    let mut buffer = ryu::Buffer::new();
                    f(buffer.format_finite(*self))
                }
            }

            fn parse_text(text: &str) -> Result<Self, ValueError> {
                match collapse(text) {
                    "INF" | "+INF" => return Ok(<$ty>::INFINITY),
                    "-INF" => return Ok(<$ty>::NEG_INFINITY),
                    "NaN" => return Ok(<$ty>::NAN),
                    _ => {}
                }
                let form = float_form(text)?;
                <$ty>::from_str(form).map_err(|e| {
                    ValueError::new(
                        "not a number: expected a decimal or exponent form, INF, -INF or NaN",
                    )
                    .with_source(e)
                })
            }
        }
    )*};
}

float_value! {
    f32 => "xs:float",
    f64 => "xs:double",
}

/// Largest scale [`Decimal`] carries.
const DECIMAL_MAX_SCALE: u32 = 28;

impl SimpleValue for Decimal {
    const TYPE_NAME: &'static str = "xs:decimal";

    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        use fmt::Write as _;
        let mut text = StackText::<64>::new();
        match write!(text, "{self}") {
            Ok(()) => f(text.as_str()),
            Err(_) => f(&self.to_string()),
        }
    }

    /// Parses `[+-]?(digits[.digits?] | .digits)`, keeping the scale written (`1.50` stays
    /// `1.50`). More than 28 fraction digits are rounded (half to even) to 28.
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let text = collapse(text);
        if text.is_empty() {
            return Err(ValueError::new("not a number: the text is empty"));
        }
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, text.get(1..).unwrap_or_default()),
            Some(b'+') => (false, text.get(1..).unwrap_or_default()),
            _ => (false, text),
        };
        let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty())
            || !all_digits(int_part)
            || !all_digits(frac_part)
        {
            return Err(ValueError::new(
                "not a decimal: expected an optional sign, digits and an optional fraction \
                 (exponents are not allowed)",
            ));
        }
        let out_of_range = || {
            ValueError::new(format_args!(
                "out of range: xs:decimal values here are {} to {}",
                Decimal::MIN,
                Decimal::MAX
            ))
        };
        let mut mantissa: u128 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(u128::from(b - b'0')))
                .ok_or_else(out_of_range)?;
        }
        let mut scale = u32::try_from(frac_part.len()).map_err(|_| out_of_range())?;
        while scale > DECIMAL_MAX_SCALE && mantissa.is_multiple_of(10) && mantissa != 0 {
            mantissa /= 10;
            scale -= 1;
        }
        if scale > DECIMAL_MAX_SCALE {
            let excess = scale - DECIMAL_MAX_SCALE;
            mantissa = match 10u128.checked_pow(excess) {
                Some(divisor) => {
                    let quotient = mantissa / divisor;
                    let remainder = mantissa % divisor;
                    let half = divisor / 2;
                    if remainder > half || (remainder == half && quotient % 2 == 1) {
                        quotient + 1
                    } else {
                        quotient
                    }
                }
                None => 0,
            };
            scale = DECIMAL_MAX_SCALE;
        }
        let mantissa = i128::try_from(mantissa).map_err(|_| out_of_range())?;
        let mut value =
            Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range())?;
        value.set_sign_negative(negative);
        Ok(value)
    }
}

impl SimpleValue for Uuid {
    const TYPE_NAME: &'static str = "ser:guid";

    #[inline]
    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let mut buffer = [0u8; uuid::fmt::Hyphenated::LENGTH];
        f(self.hyphenated().encode_lower(&mut buffer))
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Uuid::try_parse(collapse(text)).map_err(|e| ValueError::new("not a GUID").with_source(e))
    }
}

impl SimpleValue for char {
    const TYPE_NAME: &'static str = "ser:char";

    #[inline]
    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let mut buffer = itoa::Buffer::new();
        f(buffer.format(u32::from(*self)))
    }

    /// Parses the decimal code point WCF writes for a `char`.
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let code = u32::parse_text(text).map_err(|e| {
            ValueError::new(format_args!(
                "expected the decimal code point of a character: {e}"
            ))
        })?;
        let ch = char::from_u32(code).ok_or_else(|| {
            ValueError::new(format_args!(
                "code point {code} is not a character (a surrogate or beyond U+10FFFF)"
            ))
        })?;
        if !is_xml_char(ch) {
            return Err(ValueError::new(format_args!(
                "character U+{code:04X} cannot be carried by XML 1.0"
            )));
        }
        Ok(ch)
    }
}

impl SimpleValue for Vec<u8> {
    const TYPE_NAME: &'static str = "xs:base64Binary";

    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(&BASE64.encode(self))
    }

    /// Decodes standard base64 with padding; ASCII whitespace anywhere is ignored.
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let decoded = if text.bytes().any(|b| b.is_ascii_whitespace()) {
            let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
            BASE64.decode(compact)
        } else {
            BASE64.decode(text)
        };
        decoded.map_err(|e| ValueError::new("not base64").with_source(e))
    }
}

#[cfg(test)]
mod tests;
