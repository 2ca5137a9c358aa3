//! The field helpers generated decoders and encoders call: one call per field, so that the
//! generated code stays short. Not methods of [`XmlReader`] or [`XmlWriter`], whose public
//! API is what hand-written code reads and writes XML with.

use crate::codec::{SimpleValue, XmlType};
use crate::xml::{DecodeError, DecodeErrorKind, EncodeError, XmlReader, XmlWriter};

/// Decodes the current element into `slot` with `read`; an already filled slot means the
/// element occurred twice, which is an error.
#[inline]
pub fn fill<'a, T>(
    r: &mut XmlReader<'a>,
    slot: &mut Option<T>,
    read: impl FnOnce(&mut XmlReader<'a>) -> Result<T, DecodeError>,
) -> Result<(), DecodeError> {
    if slot.is_some() {
        return Err(r.error(DecodeErrorKind::DuplicateElement {
            name: r.local_name().to_owned(),
        }));
    }
    *slot = Some(read(r)?);
    Ok(())
}

/// Decodes the current element as `T` into the empty `slot` of a required field.
#[inline]
pub fn fill_value<T: XmlType>(
    r: &mut XmlReader<'_>,
    slot: &mut Option<T>,
) -> Result<(), DecodeError> {
    fill(r, slot, XmlReader::read)
}

/// Decodes the current element as `T`, or `None` when it has no value (see
/// [`read_nillable_with`]), into the empty `slot` of an optional field.
#[inline]
pub fn fill_nillable<T: XmlType>(
    r: &mut XmlReader<'_>,
    slot: &mut Option<Option<T>>,
) -> Result<(), DecodeError> {
    fill(r, slot, XmlReader::read_nillable)
}

/// Unwraps a required child's slot after the loop over children; `None` is an error naming
/// the missing element at the path of the parent.
#[inline]
pub fn required<T>(r: &XmlReader<'_>, slot: Option<T>, local: &str) -> Result<T, DecodeError> {
    match slot {
        Some(value) => Ok(value),
        None => Err(r.error(DecodeErrorKind::MissingElement {
            name: local.to_owned(),
        })),
    }
}

/// The value of a required attribute read into `slot`, or an error naming it.
pub fn required_attribute<T>(
    r: &XmlReader<'_>,
    slot: Option<T>,
    name: &str,
) -> Result<T, DecodeError> {
    slot.ok_or_else(|| {
        r.error(DecodeErrorKind::MissingAttribute {
            name: name.to_owned(),
        })
    })
}

/// Checks how often a repeated child occurred against its `minOccurs` and `maxOccurs`.
pub fn occurrences<T>(
    r: &XmlReader<'_>,
    items: Vec<T>,
    min: u32,
    max: Option<u32>,
    local: &str,
) -> Result<Vec<T>, DecodeError> {
    let count = items.len();
    if count < min as usize {
        return Err(r.error(DecodeErrorKind::MissingElement {
            name: format!("{local} (found {count}, at least {min} required)"),
        }));
    }
    if let Some(max) = max
        && count > max as usize
    {
        return Err(r.error(DecodeErrorKind::Other(format!(
            "element <{local}> occurs {count} times, at most {max} allowed"
        ))));
    }
    Ok(items)
}

/// Decodes the current element with `read`, or gives `None` when it has no value: when it
/// carries `xsi:nil="true"`, or when it is empty and `read` refuses the empty text as a value
/// of its type (numbers, booleans, dates and other simple types without an empty lexical
/// form). Every optional or nillable element is read through here, where "no value" can be
/// represented; a required element is read with [`XmlReader::read`], where empty text of
/// such a type remains an error.
#[inline]
pub fn read_nillable_with<'a, T>(
    r: &mut XmlReader<'a>,
    read: impl FnOnce(&mut XmlReader<'a>) -> Result<T, DecodeError>,
) -> Result<Option<T>, DecodeError> {
    r.read_nillable_with(read)
}

/// Decodes the children of the current element named `{item_ns}item_local` with `item`,
/// skipping any other child. This is how `ArrayOfX` wrappers are read.
#[inline]
pub fn read_array<'a, T>(
    r: &mut XmlReader<'a>,
    item_ns: &'static str,
    item_local: &str,
    mut item: impl FnMut(&mut XmlReader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let mut items = Vec::new();
    while let Some(child) = r.next_child()? {
        if child.local_name == item_local && r.is_ns(child.ns, item_ns) {
            items.push(item(r)?);
        } else {
            r.skip()?;
        }
    }
    Ok(items)
}

/// Decodes a DataContract dictionary: entries named `entry`, each holding a `key` and a
/// `value` element (in either order). Wire order is kept.
pub fn read_dictionary<'a, K, V>(
    r: &mut XmlReader<'a>,
    entry: (&'static str, &str),
    key: (&'static str, &str),
    value: (&'static str, &str),
    mut read_key: impl FnMut(&mut XmlReader<'a>) -> Result<K, DecodeError>,
    mut read_value: impl FnMut(&mut XmlReader<'a>) -> Result<V, DecodeError>,
) -> Result<Vec<(K, V)>, DecodeError> {
    let mut entries = Vec::new();
    while let Some(child) = r.next_child()? {
        if child.local_name != entry.1 || !r.is_ns(child.ns, entry.0) {
            r.skip()?;
            continue;
        }
        let mut k = None;
        let mut v = None;
        while let Some(part) = r.next_child()? {
            if part.local_name == key.1 && r.is_ns(part.ns, key.0) {
                fill(r, &mut k, &mut read_key)?;
            } else if part.local_name == value.1 && r.is_ns(part.ns, value.0) {
                fill(r, &mut v, &mut read_value)?;
            } else {
                r.skip()?;
            }
        }
        let k = required(r, k, key.1)?;
        let v = required(r, v, value.1)?;
        entries.push((k, v));
    }
    Ok(entries)
}

/// Parses `text`, the value of attribute `name` of the current element; errors name the
/// attribute.
pub fn parse_attribute<T: SimpleValue>(
    r: &XmlReader<'_>,
    name: &str,
    text: &str,
) -> Result<T, DecodeError> {
    T::parse_text(text).map_err(|e| {
        let error = r.value_error::<T>(text, e);
        let path = format!("{}/@{name}", error.path());
        error.at_path(path)
    })
}

/// Reads the text of the current element as `T`; empty text means `default` (the element's
/// schema default or fixed value).
pub fn read_or_default<T: SimpleValue>(
    r: &mut XmlReader<'_>,
    default: &str,
) -> Result<T, DecodeError> {
    if r.is_nil() {
        return Err(r.error(DecodeErrorKind::NilNotAllowed));
    }
    let text = r.read_text()?;
    let text = if text.is_empty() { default } else { &text };
    T::parse_text(text).map_err(|e| r.value_error::<T>(text, e))
}

/// Writes `value` as element `{ns}local`, or a nil element for `None` (a nillable element).
#[inline]
pub fn nillable_element<T: XmlType>(
    w: &mut XmlWriter,
    ns: &str,
    local: &str,
    value: &Option<T>,
) -> Result<(), EncodeError> {
    match value {
        Some(value) => w.element(ns, local, value),
        None => w.nil_element(ns, local),
    }
}

/// Writes `value` as element `{ns}local` when it is `Some`, and nothing for `None` (an
/// optional element).
#[inline]
pub fn optional_element<T: XmlType>(
    w: &mut XmlWriter,
    ns: &str,
    local: &str,
    value: &Option<T>,
) -> Result<(), EncodeError> {
    match value {
        Some(value) => w.element(ns, local, value),
        None => Ok(()),
    }
}
