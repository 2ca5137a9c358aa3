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

/// The stem a number is appended to when `name` is taken. An escaped `UpperCamelCase` name
/// loses its trailing underscore first: `Self_2` would trip `non_camel_case_types` (a
/// letter next to an underscore), `Self2` does not; `self_2` is good snake case and stays.
fn numbered_stem(name: &str) -> &str {
    let stem = name.trim_end_matches('_');
    if stem.len() < name.len() && stem.starts_with(|c: char| c.is_uppercase()) {
        stem
    } else {
        name
    }
}

/// Hands out names unique within one scope, in the order asked: the second `Foo` becomes
/// `Foo2`, the third `Foo3`; the second `Self_` (the types `Self` and `self`) `Self2`.
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
        let base = numbered_stem(unraw(&candidate)).to_owned();
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|name| self.taken.insert(name.clone()))
            .unwrap_or(base)
    }
}

/// Names a module cannot have: the crate's own modules `common` and `namespaces`, and the
/// Cargo features `default` and `full` (each module of a crate has a feature of its name).
const RESERVED_MODULES: &[&str] = &["common", "namespaces", "default", "full"];

/// The module of each WSDL, in the order given. A module is named after its WSDL's file name
/// (the last segment of the path or URL, query and fragment left out) up to its first `.`,
/// in snake_case: `Services87-Contact.wsdl` → `services87_contact`,
/// `http://host/Remote/CustomerService.svc?wsdl` → `customer_service`, `2nd.wsdl` → `n2nd`,
/// `Type.wsdl` → `type_`; `service` when the file name has no letter or digit. A name that an
/// earlier WSDL has taken, or that is one of `common`, `namespaces`, `default` and `full`,
/// gets the first free suffix of `_2`, `_3`, …: `a/service.wsdl` and `b/service.wsdl` become
/// `service` and `service_2`.
pub fn module_names(wsdls: &[String]) -> Vec<String> {
    let mut taken: std::collections::BTreeSet<String> =
        RESERVED_MODULES.iter().map(|&s| s.to_owned()).collect();
    wsdls
        .iter()
        .map(|wsdl| {
            let base = module_base_name(wsdl);
            let name = if taken.contains(&base) {
                (2..)
                    .map(|n| format!("{base}_{n}"))
                    .find(|name| !taken.contains(name))
                    .unwrap_or_else(|| base.clone())
            } else {
                base
            };
            taken.insert(name.clone());
            name
        })
        .collect()
}

/// A WSDL's module name before collisions are resolved.
fn module_base_name(wsdl: &str) -> String {
    let without_fragment = wsdl.split('#').next().unwrap_or(wsdl);
    let without_query = without_fragment
        .split('?')
        .next()
        .unwrap_or(without_fragment);
    let file = without_query
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(without_query);
    let stem = file.split('.').next().unwrap_or(file);
    if !stem.chars().any(char::is_alphanumeric) {
        return "service".to_owned();
    }
    let name = field_name(stem);
    // A module is a file too: `type.rs`, not `r#type.rs`.
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => name,
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

    /// Whether rustc's `non_camel_case_types` accepts `name` (its `is_camel_case`).
    fn is_camel_case(name: &str) -> bool {
        let name = unraw(name).trim_matches('_');
        let chars: Vec<char> = name.chars().collect();
        !name.starts_with(char::is_lowercase)
            && !name.contains("__")
            && !chars.windows(2).any(|pair| {
                let has_case = |c: char| c.is_lowercase() || c.is_uppercase();
                (has_case(pair[0]) && pair[1] == '_') || (has_case(pair[1]) && pair[0] == '_')
            })
    }

    /// Whether rustc's `non_snake_case` accepts `name` (its `is_snake_case`).
    fn is_snake_case(name: &str) -> bool {
        let mut underscore_allowed = true;
        unraw(name).trim_matches('_').chars().all(|c| match c {
            '_' if !underscore_allowed => false,
            '_' => {
                underscore_allowed = false;
                true
            }
            c => {
                underscore_allowed = true;
                !c.is_uppercase()
            }
        })
    }

    /// Hands out the names of `raw` types in order, checking each is warning-free.
    fn type_names(raw: &[&str]) -> Vec<String> {
        let mut namer = Namer::new();
        let names: Vec<String> = raw.iter().map(|r| namer.unique(type_name(r))).collect();
        for name in &names {
            assert!(is_camel_case(name), "{name}");
        }
        names
    }

    #[test]
    fn types_self_and_self_lowercase_get_distinct_camel_case_names() {
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_names(&["Self", "self"]), ["Self_", "Self2"]);
    }

    #[test]
    fn types_self_lowercase_and_self_get_distinct_camel_case_names() {
        assert_eq!(type_names(&["self", "Self"]), ["Self_", "Self2"]);
    }

    #[test]
    fn a_third_self_type_skips_a_taken_number() {
        assert_eq!(
            type_names(&["Self2", "Self", "self", "SELF"]),
            ["Self2", "Self_", "Self3", "Self4"]
        );
    }

    #[test]
    fn fields_self_and_self_uppercase_keep_snake_case_names() {
        let mut namer = Namer::new();
        let names = [
            namer.unique(field_name("self")),
            namer.unique(field_name("Self")),
        ];
        assert_eq!(names, ["self_", "self_2"]);
        assert!(names.iter().all(|n| is_snake_case(n)), "{names:?}");
    }

    #[test]
    fn names_decide_deterministically() {
        let raw = ["self", "Type", "Self", "type", "1st", "Self"];
        assert_eq!(type_names(&raw), type_names(&raw));
    }
}
