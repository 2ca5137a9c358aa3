//! `xs:list` of a simple type: items separated by whitespace.

use crate::codec::SimpleValue;
use crate::xml::ValueError;

/// A whitespace-separated list of simple values, as `xs:list` writes it. Items must not
/// contain whitespace themselves (the schema cannot express that either).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List<T>(pub Vec<T>);

/// The empty list, for items of any type: a derived `Default` would ask the items for one,
/// and an enumeration has none (so a struct holding a `List` of one could not be `Default`).
impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(items)
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = Vec<T>;

    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T: SimpleValue> SimpleValue for List<T> {
    const TYPE_NAME: &'static str = "xs:list";
    const SCHEMA_TYPE: Option<(&'static str, &'static str)> = None;

    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let mut text = String::new();
        for item in &self.0 {
            if !text.is_empty() {
                text.push(' ');
            }
            item.with_text(|item| text.push_str(item));
        }
        f(&text)
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        text.split_ascii_whitespace()
            .enumerate()
            .map(|(i, item)| {
                T::parse_text(item).map_err(|e| {
                    ValueError::new(format!("item {} ({item:?})", i + 1)).with_source(e)
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(List)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_names_the_bad_item() {
        let list = List::<i32>::parse_text(" 1  2\n3 ").unwrap();
        assert_eq!(list.0, vec![1, 2, 3]);
        assert_eq!(list.with_text(str::to_owned), "1 2 3");
        let error = List::<i32>::parse_text("1 x").unwrap_err();
        assert!(error.to_string().starts_with("item 2 (\"x\")"), "{error}");
        assert!(List::<i32>::parse_text("").unwrap().is_empty());
    }

    #[test]
    fn is_empty_by_default_whatever_its_items() {
        #[derive(Debug, PartialEq)]
        struct NoDefault;
        assert_eq!(List::<NoDefault>::default(), List(Vec::new()));
    }
}
