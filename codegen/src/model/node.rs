//! Walking an `xmltree` document with element paths, attribute access and QName resolution
//! through the prefixes in scope at each element.

use std::collections::HashMap;

use xmltree::{Element, Namespace, XMLNode};

use super::QName;
use crate::diagnostics::Diagnostics;
use crate::error::ModelError;

/// Whether `name` is an XML name without a colon (an `NCName`), as schema and WSDL component
/// names must be.
pub(crate) fn is_ncname(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|ch| ch != ':' && xml::common::is_name_start_char(ch))
        && chars.all(|ch| ch != ':' && xml::common::is_name_char(ch))
}

/// An element of a document being read, with its path from the root.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    pub(crate) el: &'a Element,
    pub(crate) file: &'a str,
    path: &'a str,
    /// The namespace bindings in scope: those of the nearest element, this one included,
    /// that declares any.
    scope: Option<&'a Namespace>,
    /// For a schema included without a target namespace (a chameleon include): the
    /// namespace its unqualified references take.
    chameleon: Option<&'a str>,
    /// Where unsupported constructs are reported (and left out, in lenient mode).
    diagnostics: Option<&'a Diagnostics>,
}

/// Owns the path strings of nodes handed out by [`Node::children`].
pub(crate) struct Children<'a> {
    items: Vec<(&'a Element, String)>,
    file: &'a str,
    scope: Option<&'a Namespace>,
    chameleon: Option<&'a str>,
    diagnostics: Option<&'a Diagnostics>,
}

impl<'a> Children<'a> {
    pub(crate) fn iter(&self) -> impl Iterator<Item = Node<'_>> {
        self.items.iter().map(|(el, path)| Node {
            el,
            file: self.file,
            path,
            scope: el.namespaces.as_ref().or(self.scope),
            chameleon: self.chameleon,
            diagnostics: self.diagnostics,
        })
    }
}

impl<'a> Node<'a> {
    pub(crate) fn root(el: &'a Element, file: &'a str, path: &'a str) -> Self {
        Node {
            el,
            file,
            path,
            scope: el.namespaces.as_ref(),
            chameleon: None,
            diagnostics: None,
        }
    }

    /// The same node, reporting to `diagnostics`, which in lenient mode takes unsupported
    /// constructs instead of refusing them.
    pub(crate) fn reporting_to(self, diagnostics: &'a Diagnostics) -> Self {
        Node {
            diagnostics: Some(diagnostics),
            ..self
        }
    }

    /// Refuses this unsupported construct, or in lenient mode lists it and lets the caller
    /// skip it.
    pub(crate) fn skip_unsupported(&self, hint: &str) -> Result<(), ModelError> {
        let error = self.unsupported(hint);
        match self.diagnostics {
            Some(diagnostics) => diagnostics.skip_or_refuse(error, "left out"),
            None => Err(error),
        }
    }

    /// The same node, read as a chameleon include into namespace `ns`.
    pub(crate) fn with_chameleon(self, ns: &'a str) -> Self {
        Node {
            chameleon: Some(ns),
            ..self
        }
    }

    /// The chameleon namespace, if this node is read as one.
    pub(crate) fn chameleon(&self) -> Option<&'a str> {
        self.chameleon
    }

    pub(crate) fn path(&self) -> &str {
        self.path
    }

    pub(crate) fn local(&self) -> &str {
        &self.el.name
    }

    pub(crate) fn ns(&self) -> &str {
        self.el.namespace.as_deref().unwrap_or("")
    }

    /// Whether this is element `{ns}local`.
    pub(crate) fn is(&self, ns: &str, local: &str) -> bool {
        self.el.name == local && self.ns() == ns
    }

    /// The element's child elements, each with its path.
    pub(crate) fn children(&self) -> Children<'a> {
        let elements: Vec<&Element> = self
            .el
            .children
            .iter()
            .filter_map(XMLNode::as_element)
            .collect();
        // For children without a name: how many siblings share their local name, and how
        // many of those came before.
        let mut totals: HashMap<&str, (usize, usize)> = HashMap::new();
        for child in &elements {
            totals.entry(child.name.as_str()).or_default().0 += 1;
        }
        let items = elements
            .iter()
            .map(|child| {
                let qualifier = match child.attributes.get("name") {
                    Some(name) => format!("[@name='{name}']"),
                    None => match totals.get_mut(child.name.as_str()) {
                        Some((total, seen)) if *total > 1 => {
                            *seen += 1;
                            format!("[{seen}]")
                        }
                        _ => String::new(),
                    },
                };
                let prefix = child
                    .prefix
                    .as_deref()
                    .map(|p| format!("{p}:"))
                    .unwrap_or_default();
                (
                    *child,
                    format!("{}/{prefix}{}{qualifier}", self.path, child.name),
                )
            })
            .collect();
        Children {
            items,
            file: self.file,
            scope: self.scope,
            chameleon: self.chameleon,
            diagnostics: self.diagnostics,
        }
    }

    /// The unqualified attribute `name`: the only kind that means anything to XML Schema or
    /// WSDL on their own elements (a `vendor:fixed` is not `fixed`).
    pub(crate) fn attr(&self, name: &str) -> Option<&'a str> {
        self.el.attributes.get(name).map(String::as_str)
    }

    pub(crate) fn invalid(&self, message: impl Into<String>) -> ModelError {
        ModelError::Invalid {
            file: self.file.to_owned(),
            path: self.path.to_owned(),
            message: message.into(),
        }
    }

    pub(crate) fn unsupported(&self, hint: &str) -> ModelError {
        let prefix = self
            .el
            .prefix
            .as_deref()
            .map(|p| format!("{p}:"))
            .unwrap_or_default();
        ModelError::Unsupported {
            file: self.file.to_owned(),
            path: self.path.to_owned(),
            construct: format!("{prefix}{}", self.el.name),
            hint: hint.to_owned(),
        }
    }

    /// The `name` attribute, which must be an XML name without a colon, if present.
    pub(crate) fn name_attr(&self) -> Result<Option<&'a str>, ModelError> {
        match self.attr("name") {
            Some(name) if !is_ncname(name) => Err(self.invalid(format!(
                "`{name}` is not a valid name (an XML name without a colon)"
            ))),
            name => Ok(name),
        }
    }

    /// [`Node::name_attr`] for a component that must be named.
    pub(crate) fn required_name(&self) -> Result<&'a str, ModelError> {
        self.name_attr()?
            .ok_or_else(|| self.invalid("missing attribute `name`"))
    }

    pub(crate) fn required_attr(&self, name: &str) -> Result<&'a str, ModelError> {
        self.attr(name)
            .ok_or_else(|| self.invalid(format!("missing attribute `{name}`")))
    }

    /// Resolves a `prefix:local` value through the namespaces in scope at this element;
    /// an unprefixed value takes the default namespace, if any.
    pub(crate) fn resolve(&self, value: &str) -> Result<QName, ModelError> {
        let value = value.trim();
        let (prefix, local) = match value.split_once(':') {
            Some((prefix, local)) => (prefix, local),
            None => ("", value),
        };
        let ns = self.scope.and_then(|namespaces| namespaces.get(prefix));
        match ns {
            Some(ns) if !ns.is_empty() => Ok(QName::new(ns, local)),
            Some(_) | None if prefix.is_empty() => {
                Ok(QName::new(self.chameleon.unwrap_or(""), local))
            }
            _ => Err(self.invalid(format!(
                "namespace prefix `{prefix}` in `{value}` is not declared"
            ))),
        }
    }

    pub(crate) fn qname_attr(&self, name: &str) -> Result<Option<QName>, ModelError> {
        self.attr(name).map(|value| self.resolve(value)).transpose()
    }

    pub(crate) fn required_qname_attr(&self, name: &str) -> Result<QName, ModelError> {
        self.resolve(self.required_attr(name)?)
    }

    /// All text inside the element, child elements' text included, in document order.
    pub(crate) fn text(&self) -> String {
        fn collect(el: &Element, out: &mut String) {
            for child in &el.children {
                match child {
                    XMLNode::Text(text) | XMLNode::CData(text) => {
                        out.push_str(text);
                        out.push(' ');
                    }
                    XMLNode::Element(child) => collect(child, out),
                    _ => {}
                }
            }
        }
        let mut out = String::new();
        collect(self.el, &mut out);
        out
    }

    /// Parses a boolean attribute (`true`/`false`/`1`/`0`).
    pub(crate) fn bool_attr(&self, name: &str) -> Result<Option<bool>, ModelError> {
        match self.attr(name).map(str::trim) {
            None => Ok(None),
            Some("true" | "1") => Ok(Some(true)),
            Some("false" | "0") => Ok(Some(false)),
            Some(other) => Err(self.invalid(format!(
                "attribute `{name}` must be true or false, found `{other}`"
            ))),
        }
    }
}
