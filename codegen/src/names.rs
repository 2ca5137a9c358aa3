//! Every Rust identifier the generator emits is decided here: case conversion with heck,
//! keyword escaping, a prefix for a leading digit, and deterministic de-duplication.

use std::collections::HashSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Keywords that `r#` can escape.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Keeps letters, digits and underscores; other characters separate words.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

fn escape(name: String, digit_prefix: &str, empty: &str) -> String {
    let name = if name.is_empty() {
        empty.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else {
        name
    };
    if RESERVED.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A type, trait or enum variant name: `UpperCamelCase`.
pub fn type_name(raw: &str) -> String {
    escape(words(raw).to_upper_camel_case(), "N", "Value")
}

/// A field, function or module name: `snake_case`.
pub fn field_name(raw: &str) -> String {
    escape(words(raw).to_snake_case(), "n", "value")
}

/// A constant name: `SHOUTY_SNAKE_CASE`.
pub fn const_name(raw: &str) -> String {
    escape(words(raw).to_shouty_snake_case(), "N", "VALUE")
}

/// The identifier without its `r#` escape, for building other names from it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The Cargo feature that enables a generated module (`customer_service` → `customer-service`).
pub fn feature_name(module: &str) -> String {
    unraw(module).replace('_', "-")
}

/// Hands out names unique within one scope, in the order asked: the second `Foo` becomes
/// `Foo2`, the third `Foo3`.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    /// A scope with nothing taken yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `name` as taken without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(unraw(name).to_owned());
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(unraw(name))
    }

    /// Returns `candidate`, or `candidate` with the smallest suffix from 2 up that is free.
    pub fn unique(&mut self, candidate: String) -> String {
        if self.taken.insert(unraw(&candidate).to_owned()) {
            return candidate;
        }
        let base = unraw(&candidate).to_owned();
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|name| self.taken.insert(name.clone()))
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_case() {
        assert_eq!(type_name("ArrayOfint"), "ArrayOfint");
        assert_eq!(type_name("so-principal_carrier"), "SoPrincipalCarrier");
        assert_eq!(field_name("CsSessionKey"), "cs_session_key");
        assert_eq!(field_name("EMailAddress"), "e_mail_address");
        assert_eq!(const_name("SessionIsValid"), "SESSION_IS_VALID");
    }

    #[test]
    fn escapes_every_keyword() {
        for keyword in RAW_KEYWORDS {
            let name = field_name(keyword);
            assert_eq!(name, format!("r#{keyword}"), "{keyword}");
            assert!(syn_like_ident(&name), "{name}");
        }
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("crate"), "crate_");
    }

    fn syn_like_ident(name: &str) -> bool {
        let bare = unraw(name);
        bare.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && bare.chars().all(|c| c.is_alphanumeric() || c == '_')
    }

    #[test]
    fn prefixes_a_leading_digit_and_names_the_empty() {
        assert_eq!(type_name("1st"), "N1st");
        assert_eq!(field_name("2nd value"), "n2nd_value");
        assert_eq!(type_name(""), "Value");
        assert_eq!(type_name("-"), "Value");
    }

    #[test]
    fn namer_is_deterministic() {
        let mut namer = Namer::new();
        assert_eq!(namer.unique("Foo".into()), "Foo");
        assert_eq!(namer.unique("Foo".into()), "Foo2");
        assert_eq!(namer.unique("Foo2".into()), "Foo22");
        assert_eq!(namer.unique("Foo".into()), "Foo3");
        let mut fields = Namer::new();
        assert_eq!(fields.unique("r#type".into()), "r#type");
        assert_eq!(fields.unique("r#type".into()), "type2");
    }
}
