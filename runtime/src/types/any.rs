//! `xs:anyType` content kept as it arrived: attributes, elements and text, with namespaces
//! resolved so it can be written again under any prefixes.

use crate::codec::XmlType;
use crate::types::QName;
use crate::xml::{DecodeError, EncodeError, Node, XSI_NS, XmlReader, XmlWriter};

/// The attributes and content of an element whose type is `xs:anyType` (or a wildcard).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnyXml {
    /// The `xsi:type` the element carried, resolved to its namespace.
    pub xsi_type: Option<QName>,
    /// Other attributes, in document order (namespace declarations excluded).
    pub attributes: Vec<AnyAttribute>,
    /// Child elements and text, in document order.
    pub children: Vec<AnyNode>,
}

/// An attribute of [`AnyXml`] content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyAttribute {
    /// The attribute's name.
    pub name: QName,
    /// Its value.
    pub value: String,
}

/// A node of [`AnyXml`] content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyNode {
    /// A child element.
    Element(AnyElement),
    /// Text (adjacent pieces are joined).
    Text(String),
}

/// An element of [`AnyXml`] content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyElement {
    /// The element's name.
    pub name: QName,
    /// Its attributes and content.
    pub content: AnyXml,
}

impl AnyXml {
    /// Content that is just `text`.
    pub fn text(text: impl Into<String>) -> Self {
        AnyXml {
            children: vec![AnyNode::Text(text.into())],
            ..AnyXml::default()
        }
    }

    /// The concatenated text of the direct text children.
    pub fn text_content(&self) -> String {
        self.children
            .iter()
            .filter_map(|node| match node {
                AnyNode::Text(text) => Some(text.as_str()),
                AnyNode::Element(_) => None,
            })
            .collect()
    }
}

impl AnyElement {
    /// Reads the element `r` has just opened (as `child`), through its end tag.
    pub fn read_current(
        r: &mut XmlReader<'_>,
        child: crate::xml::Child<'_>,
    ) -> Result<Self, DecodeError> {
        let name = QName::new(r.namespace(child.ns), child.local_name);
        let content = AnyXml::read_content(r)?;
        Ok(AnyElement { name, content })
    }

    /// Writes the element.
    pub fn write(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.check_name(&self.name.local_name)?;
        w.element(&self.name.namespace, &self.name.local_name, &self.content)
    }

    /// The element as a standalone document.
    pub fn write_standalone(&self) -> Result<Vec<u8>, EncodeError> {
        let mut w = XmlWriter::new();
        self.write(&mut w)?;
        Ok(w.into_inner())
    }
}

impl XmlType for AnyXml {
    fn write_attributes(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if let Some(xsi_type) = &self.xsi_type {
            w.check_name(&xsi_type.local_name)?;
            let value = if xsi_type.namespace.is_empty() {
                xsi_type.local_name.clone()
            } else {
                format!(
                    "{}:{}",
                    w.prefix_for(&xsi_type.namespace)?,
                    xsi_type.local_name
                )
            };
            w.attribute(XSI_NS, "type", &value)?;
        }
        for attribute in &self.attributes {
            w.check_name(&attribute.name.local_name)?;
            w.attribute(
                &attribute.name.namespace,
                &attribute.name.local_name,
                &attribute.value,
            )?;
        }
        Ok(())
    }

    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        for child in &self.children {
            match child {
                AnyNode::Text(text) => w.text(text)?,
                AnyNode::Element(element) => element.write(w)?,
            }
        }
        Ok(())
    }

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let xsi_type = r
            .xsi_type()
            .map(|(namespace, local)| QName::new(namespace, local));
        let attributes = r
            .attributes()?
            .into_iter()
            .filter(|(namespace, local, _)| !(namespace == XSI_NS && *local == "type"))
            .map(|(namespace, local, value)| AnyAttribute {
                name: QName::new(namespace, local),
                value: value.into_owned(),
            })
            .collect();
        let mut children: Vec<AnyNode> = Vec::new();
        while let Some(node) = r.next_node()? {
            match node {
                Node::Text(text) => match children.last_mut() {
                    Some(AnyNode::Text(previous)) => previous.push_str(&text),
                    _ => children.push(AnyNode::Text(text.into_owned())),
                },
                Node::Element(child) => {
                    let name = QName::new(r.namespace(child.ns), child.local_name);
                    let content = AnyXml::read_content(r)?;
                    children.push(AnyNode::Element(AnyElement { name, content }));
                }
            }
        }
        Ok(AnyXml {
            xsi_type,
            attributes,
            children,
        })
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for AnyXml {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;

    fn arbitrary_with(_: ()) -> Self::Strategy {
        use proptest::prelude::*;
        let name = || {
            ("(urn:[a-z]{1,6})?", "[A-Za-z][A-Za-z0-9]{0,6}")
                .prop_map(|(namespace, local)| QName::new(namespace, local))
        };
        let text = "[a-zA-Z0-9 <>&\"']{1,12}";
        let leaf = (proptest::option::of(name()), proptest::option::of(text)).prop_map(
            |(xsi_type, text)| AnyXml {
                xsi_type,
                attributes: Vec::new(),
                children: text.map(AnyNode::Text).into_iter().collect(),
            },
        );
        leaf.prop_recursive(3, 12, 3, move |inner| {
            (
                proptest::collection::vec((name(), inner), 0..3),
                proptest::option::of(text),
            )
                .prop_map(|(elements, tail)| {
                    let mut children: Vec<AnyNode> = elements
                        .into_iter()
                        .map(|(name, content)| AnyNode::Element(AnyElement { name, content }))
                        .collect();
                    children.extend(tail.map(AnyNode::Text));
                    AnyXml {
                        children,
                        ..AnyXml::default()
                    }
                })
        })
        .boxed()
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for AnyElement {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;

    fn arbitrary_with(_: ()) -> Self::Strategy {
        use proptest::prelude::*;
        (
            ("urn:any:[a-z]{1,6}", "[A-Za-z][A-Za-z0-9]{0,6}"),
            any::<AnyXml>(),
        )
            .prop_map(|((namespace, local), content)| AnyElement {
                name: QName::new(namespace, local),
                content,
            })
            .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{from_xml_as, to_xml_as};

    #[test]
    fn names_that_are_not_xml_names_are_not_written() {
        let element = |local: &str| AnyXml {
            children: vec![AnyNode::Element(AnyElement {
                name: QName::new("urn:x", local),
                content: AnyXml::default(),
            })],
            ..AnyXml::default()
        };
        let attribute = |local: &str| AnyXml {
            attributes: vec![AnyAttribute {
                name: QName::new("", local),
                value: "1".to_owned(),
            }],
            ..AnyXml::default()
        };
        let typed = |local: &str| AnyXml {
            xsi_type: Some(QName::new("urn:x", local)),
            ..AnyXml::default()
        };
        for bad in ["", "a b", "x:y", "1a", "a\"=\"b"] {
            for any in [element(bad), attribute(bad), typed(bad)] {
                let err = to_xml_as(&any, "", "v").unwrap_err();
                assert!(
                    err.to_string().contains("is not a valid XML name"),
                    "{bad:?}: {err}"
                );
            }
            assert!(
                to_xml_as(&QName::new("urn:x", bad), "", "q").is_err(),
                "{bad:?}"
            );
        }
        for good in ["a", "a-b.c", "Ø"] {
            for any in [element(good), attribute(good), typed(good)] {
                let xml = to_xml_as(&any, "", "v").unwrap();
                assert_eq!(from_xml_as::<AnyXml>(&xml, "", "v").unwrap(), any);
            }
        }
    }

    #[test]
    fn keeps_elements_text_attributes_and_type() {
        let xml = br#"<v xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="urn:x" i:type="x:T" a="1">pre<x:e b="2">in</x:e>post &amp; more</v>"#;
        let any: AnyXml = from_xml_as(xml, "", "v").unwrap();
        assert_eq!(any.xsi_type, Some(QName::new("urn:x", "T")));
        assert_eq!(any.attributes.len(), 1);
        assert_eq!(any.children.len(), 3);
        assert_eq!(any.text_content(), "prepost & more");
        let again: AnyXml = from_xml_as(&to_xml_as(&any, "", "v").unwrap(), "", "v").unwrap();
        assert_eq!(again, any);
    }
}
