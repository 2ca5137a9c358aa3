//! `xs:QName`: a name in a namespace, written in text with a prefix declared for it.

use crate::codec::XmlType;
use crate::xml::{DecodeError, EncodeError, XmlReader, XmlWriter};

/// A qualified name, kept with its namespace URI (prefixes are not kept; they are chosen
/// again when writing).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct QName {
    /// Namespace URI; empty for no namespace.
    pub namespace: String,
    /// Local name.
    pub local_name: String,
}

impl QName {
    /// Creates a name from its namespace URI and local name.
    pub fn new(namespace: impl Into<String>, local_name: impl Into<String>) -> Self {
        QName {
            namespace: namespace.into(),
            local_name: local_name.into(),
        }
    }
}

impl XmlType for QName {
    fn write_attributes(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if !self.namespace.is_empty() {
            w.prefix_for(&self.namespace)?;
        }
        Ok(())
    }

    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.check_name(&self.local_name)?;
        if !self.namespace.is_empty() {
            let prefix = w.prefix_for(&self.namespace)?;
            w.text(&prefix)?;
            w.text(":")?;
        }
        w.text(&self.local_name)
    }

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let text = r.read_text()?;
        let (namespace, local) = r.resolve_qname(text.trim())?;
        Ok(QName {
            namespace,
            local_name: local.to_owned(),
        })
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for QName {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;

    fn arbitrary_with(_: ()) -> Self::Strategy {
        use proptest::prelude::*;
        ("(urn:[a-z]{1,8})?", "[A-Za-z_][A-Za-z0-9_.-]{0,10}")
            .prop_map(|(namespace, local_name)| QName {
                namespace,
                local_name,
            })
            .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{from_xml_as, to_xml_as};

    #[test]
    fn round_trips_with_a_fresh_prefix() {
        let name = QName::new("urn:x", "Thing");
        let xml = to_xml_as(&name, "urn:a", "v").unwrap();
        assert_eq!(
            String::from_utf8(xml.clone()).unwrap(),
            r#"<ns0:v xmlns:ns0="urn:a" xmlns:ns1="urn:x">ns1:Thing</ns0:v>"#
        );
        assert_eq!(from_xml_as::<QName>(&xml, "urn:a", "v").unwrap(), name);
    }

    #[test]
    fn resolves_the_prefix_in_scope() {
        let xml = br#"<v xmlns:p="urn:p" xmlns="urn:d"> p:x </v>"#;
        let name: QName = from_xml_as(xml, "urn:d", "v").unwrap();
        assert_eq!(name, QName::new("urn:p", "x"));
        let xml = br#"<v xmlns="urn:d">y</v>"#;
        let name: QName = from_xml_as(xml, "urn:d", "v").unwrap();
        assert_eq!(name, QName::new("urn:d", "y"));
    }

    #[test]
    fn unknown_prefix_is_an_error() {
        let err = from_xml_as::<QName>(b"<v>q:x</v>", "", "v").unwrap_err();
        assert!(
            err.to_string().contains("undeclared namespace prefix"),
            "{err}"
        );
    }
}
