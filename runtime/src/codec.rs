//! The codec traits generated types implement, and the writer helpers generated encoders call.
//!
//! [`XmlType`] is the core: write a value as the attributes and content of an element, and
//! read it back from an element the reader has just opened. Types whose content is a single
//! lexical value (numbers, enumerations, dates, flag sets) implement [`SimpleValue`] instead
//! and get [`XmlType`] for free. Types that are a global element (operation wrappers)
//! also implement [`XmlElement`], which names that element.

use crate::xml::{DecodeError, EncodeError, ValueError, XmlReader, XmlWriter};

/// A type that can be written as, and read from, the content of an XML element.
pub trait XmlType: Sized {
    /// The schema type's name (namespace URI, local name), written as `xsi:type` on every
    /// element of this type in a SOAP-encoded message; `None` for types without one.
    const XSI_TYPE: Option<(&'static str, &'static str)> = None;

    /// Writes attributes onto the element's open start tag. Most types have none.
    fn write_attributes(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
        Ok(())
    }

    /// Writes the element's content (child elements or text).
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;

    /// Reads the content of the element `r` has just opened, through its end tag.
    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError>;
}

/// A type that is the content of one global element, such as an operation's request wrapper.
pub trait XmlElement: XmlType {
    /// Namespace URI of the element.
    const NAMESPACE: &'static str;
    /// Local name of the element.
    const LOCAL_NAME: &'static str;
}

/// A type whose XML form is one lexical value: the text of an element, an attribute value
/// or an item of a list.
pub trait SimpleValue: Sized {
    /// The XML Schema type named in decode errors, such as `xs:int`.
    const TYPE_NAME: &'static str;

    /// The schema type written as `xsi:type` in SOAP-encoded messages: by default the
    /// XML Schema built-in [`SimpleValue::TYPE_NAME`] names, if it names one.
    const SCHEMA_TYPE: Option<(&'static str, &'static str)> = xs_builtin(Self::TYPE_NAME);

    /// Calls `f` with the lexical form of the value.
    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R;

    /// Parses a lexical form. Types whose whitespace facet is "collapse" trim first.
    fn parse_text(text: &str) -> Result<Self, ValueError>;
}

/// `(XML Schema namespace, local)` for an `xs:local` type name.
const fn xs_builtin(type_name: &'static str) -> Option<(&'static str, &'static str)> {
    match type_name.as_bytes() {
        [b'x', b's', b':', ..] => match type_name.split_at_checked(3) {
            Some((_, local)) => Some((XS_NS, local)),
            None => None,
        },
        _ => None,
    }
}

/// The XML Schema namespace, of the built-in types.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

impl<T: SimpleValue> XmlType for T {
    const XSI_TYPE: Option<(&'static str, &'static str)> = T::SCHEMA_TYPE;

    #[inline]
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.with_text(|text| w.text(text))
    }

    #[inline]
    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let text = r.read_text()?;
        T::parse_text(&text).map_err(|e| r.value_error::<T>(&text, e))
    }
}

/// The empty content of a one-way operation's missing response.
impl XmlType for () {
    fn write_content(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
        Ok(())
    }

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.skip()
    }
}

impl XmlWriter {
    /// Writes `xsi:type="{ns}local"` on the open start tag, declaring a prefix as needed.
    pub fn xsi_type(&mut self, ns: &str, local: &str) -> Result<(), EncodeError> {
        let value = if ns.is_empty() {
            local.to_owned()
        } else {
            format!("{}:{local}", self.prefix_for(ns)?)
        };
        self.attribute(crate::xml::XSI_NS, "type", &value)
    }

    /// Writes `value` as attribute `{ns}local` of the open start tag.
    pub fn simple_attribute<T: SimpleValue>(
        &mut self,
        ns: &str,
        local: &str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.with_text(|text| self.attribute(ns, local, text))
    }

    /// Writes `value` as element `{ns}local`.
    #[inline]
    pub fn element<T: XmlType>(
        &mut self,
        ns: &str,
        local: &str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.start(ns, local)?;
        if let Some((type_ns, type_local)) = T::XSI_TYPE
            && self.writes_xsi_types()
        {
            self.xsi_type(type_ns, type_local)?;
        }
        value.write_attributes(self)?;
        value.write_content(self)?;
        self.end()
    }

    /// Writes `<local xsi:nil="true"/>`.
    pub fn nil_element(&mut self, ns: &str, local: &str) -> Result<(), EncodeError> {
        self.start(ns, local)?;
        self.nil()?;
        self.end()
    }

    /// Writes element `{ns}local` whose content `content` writes.
    #[inline]
    pub fn element_with(
        &mut self,
        ns: &str,
        local: &str,
        content: impl FnOnce(&mut Self) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        self.start(ns, local)?;
        content(self)?;
        self.end()
    }
}

/// Writes `value` as a standalone document whose root is `T`'s element.
pub fn to_xml<T: XmlElement>(value: &T) -> Result<Vec<u8>, EncodeError> {
    to_xml_as(value, T::NAMESPACE, T::LOCAL_NAME)
}

/// Writes `value` as a standalone document with root element `{ns}local`.
pub fn to_xml_as<T: XmlType>(value: &T, ns: &str, local: &str) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::new();
    w.element(ns, local, value)?;
    Ok(w.into_inner())
}

/// Reads a standalone document whose root must be `T`'s element.
pub fn from_xml<T: XmlElement>(xml: &[u8]) -> Result<T, DecodeError> {
    from_xml_as(xml, T::NAMESPACE, T::LOCAL_NAME)
}

/// Reads a standalone document whose root must be `{ns}local`, as `T`.
pub fn from_xml_as<T: XmlType>(xml: &[u8], ns: &str, local: &str) -> Result<T, DecodeError> {
    let mut r = XmlReader::new(xml)?;
    r.expect_root(ns, local)?;
    let value = r.read::<T>()?;
    r.finish()?;
    Ok(value)
}
