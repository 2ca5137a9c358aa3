//! Turns `wsdl:documentation` and `xs:documentation` text into rustdoc that renders as the
//! text it was and never becomes a doctest, a broken link or an HTML tag.

/// Collapses whitespace into single spaces per paragraph and escapes Markdown that rustdoc
/// would interpret; URLs become autolinks.
pub fn sanitize(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| {
            p.split_whitespace()
                .map(escape_word)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

fn escape_word(word: &str) -> String {
    if word.starts_with("http://") || word.starts_with("https://") {
        let url: String = word.chars().filter(|c| !matches!(c, '<' | '>')).collect();
        return format!("<{url}>");
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_and_escapes() {
        assert_eq!(
            sanitize("  Loads <b>default</b>\n      values [x]   into `y`\n\n\n    code block  "),
            "Loads \\<b\\>default\\</b\\> values \\[x\\] into \\`y\\`\n\ncode block"
        );
        assert_eq!(sanitize("see http://a.b/c?d=1"), "see <http://a.b/c?d=1>");
        assert_eq!(sanitize("   \n  "), "");
    }
}
