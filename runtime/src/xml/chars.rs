//! Which characters and names XML 1.0 (fifth edition) with namespaces allows, for the reader to
//! refuse what is not well-formed and for the writer to refuse what it could not write back.

/// Whether `ch` may appear in an XML 1.0 document.
pub fn is_xml_char(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The byte offset of the first character of `text` that XML 1.0 forbids, if any.
///
/// `text` is valid UTF-8, so the forbidden characters are the C0 controls other than tab, line
/// feed and carriage return (one byte each) and U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`).
/// Blocks of 256 bytes holding neither a control nor an `EF` byte (all of a document without
/// line breaks, usually) are passed over with a test the compiler vectorizes cheaply; the
/// others are searched by [`find_forbidden_in`].
pub(super) fn find_forbidden_char(text: &str) -> Option<usize> {
    const BLOCK: usize = 256;
    let bytes = text.as_bytes();
    let mut offset = 0;
    for block in bytes.chunks_exact(BLOCK) {
        let (lowest, has_ef) = block.iter().fold((u8::MAX, false), |(lowest, has_ef), &b| {
            (lowest.min(b), has_ef | (b == 0xEF))
        });
        if (lowest < 0x20 || has_ef)
            && let Some(at) = find_forbidden_in(bytes, offset, offset + BLOCK)
        {
            return Some(at);
        }
        offset += BLOCK;
    }
    find_forbidden_in(bytes, offset, bytes.len())
}

/// The first forbidden character starting in `bytes[from..to]`: blocks of 64 bytes are tested
/// with comparisons the compiler vectorizes; only a block holding a control other than white
/// space or an `EF` byte is looked at byte by byte.
fn find_forbidden_in(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    const BLOCK: usize = 64;
    let forbidden_at = |i: usize| match bytes[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..0x20 => true,
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    };
    // Written with `&` and `|` rather than `&&` and `||` so that no branch stops the
    // vectorizer.
    let suspect = |b: u8| {
        let control = u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n');
        (control & u8::from(b != b'\r')) | u8::from(b == 0xEF)
    };
    let mut offset = from;
    for block in bytes.get(from..to).unwrap_or_default().chunks_exact(BLOCK) {
        if block.iter().fold(0u8, |any, &b| any | suspect(b)) != 0
            && let Some(i) = (offset..offset + BLOCK).find(|&i| forbidden_at(i))
        {
            return Some(i);
        }
        offset += BLOCK;
    }
    (offset..to).find(|&i| forbidden_at(i))
}

/// Classes of the bytes of ASCII names: may start a name; may follow the first character
/// of a qualified name (a name character or the colon). Other bytes, including every byte of
/// a non-ASCII character, have neither.
const NAME_START: u8 = 1;
const IN_QNAME: u8 = 2;
const NAME_BYTE_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 128 {
        let ch = byte as u8 as char;
        if ch == ':' {
            table[byte] = IN_QNAME;
        } else if xml::common::is_name_start_char(ch) {
            table[byte] = NAME_START | IN_QNAME;
        } else if xml::common::is_name_char(ch) {
            table[byte] = IN_QNAME;
        }
        byte += 1;
    }
    table
};

/// Whether `name` is an XML name without a colon (an `NCName`: an element's or attribute's
/// local name, or a namespace prefix).
pub fn is_ncname(name: &str) -> bool {
    !name.contains(':') && is_qname(name)
}

/// Whether `name` is a qualified name: an [`NCName`](is_ncname), or two joined by one colon.
pub fn is_qname(name: &str) -> bool {
    let bytes = name.as_bytes();
    let Some((&first, rest)) = bytes.split_first() else {
        return false;
    };
    // Names on the hot path are short and ASCII: a branch-free pass over the bytes.
    let mut all_in_qname = IN_QNAME;
    let mut colons = 0usize;
    for &byte in rest {
        all_in_qname &= NAME_BYTE_CLASSES[usize::from(byte)];
        colons += usize::from(byte == b':');
    }
    if NAME_BYTE_CLASSES[usize::from(first)] & NAME_START == 0 || all_in_qname == 0 {
        return !name.is_ascii() && is_unicode_qname(name);
    }
    match colons {
        0 => true,
        1 => rest
            .iter()
            .position(|&b| b == b':')
            .and_then(|colon| rest.get(colon + 1))
            .is_some_and(|&after| NAME_BYTE_CLASSES[usize::from(after)] & NAME_START != 0),
        _ => false,
    }
}

fn is_unicode_qname(name: &str) -> bool {
    match name.split_once(':') {
        Some((prefix, local)) => is_unicode_ncname(prefix) && is_unicode_ncname(local),
        None => is_unicode_ncname(name),
    }
}

fn is_unicode_ncname(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|ch| ch != ':' && xml::common::is_name_start_char(ch))
        && chars.all(|ch| ch != ':' && xml::common::is_name_char(ch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_forbidden_characters_at_every_offset() {
        for bad in [
            "\u{0}", "\u{8}", "\u{b}", "\u{c}", "\u{1f}", "\u{fffe}", "\u{ffff}",
        ] {
            // Around the boundaries of both block sizes, after plain text and after text
            // whose line breaks make blocks suspect.
            let offsets = (0..20).chain([63, 64, 65, 255, 256, 257, 300, 511, 512, 700]);
            for before in offsets {
                for filler in ["a", "a\n"] {
                    let head: String = filler.repeat(before).chars().take(before).collect();
                    let text = format!("{head}{bad}{}", "tail\n".repeat(120));
                    assert_eq!(
                        find_forbidden_char(&text),
                        Some(before),
                        "{bad:?} after {before} of {filler:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn allows_whitespace_and_other_characters() {
        let text = "line\n\ttab\r\n øæå – 東京 🚀 \u{fffd} \u{efbf} \u{d7ff} \u{e000} end";
        assert_eq!(find_forbidden_char(text), None);
        assert_eq!(find_forbidden_char(&text.repeat(40)), None);
        assert_eq!(find_forbidden_char(""), None);
    }

    #[test]
    fn names() {
        for good in ["a", "_x", "Éa", "a-b.c1", "東京", "a\u{b7}"] {
            assert!(is_ncname(good), "{good}");
            assert!(is_qname(&format!("p:{good}")), "{good}");
        }
        for bad in [
            "",
            "1a",
            "-a",
            ".a",
            "a b",
            "a\"",
            "nil=\"true\"",
            "a:b",
            "\u{b7}a",
        ] {
            assert!(!is_ncname(bad), "{bad}");
        }
        for bad in [
            ":a",
            "a:",
            "a:b:c",
            ":nil=\"true\"",
            "\t",
            "",
            "p:1a",
            "é:",
            "é b",
        ] {
            assert!(!is_qname(bad), "{bad:?}");
        }
    }
}
