//! The namespaces in scope while reading: URIs interned once, prefixes bound per element.

use super::NsId;

/// A namespace declaration in scope.
#[derive(Debug, Clone, Copy)]
struct Binding<'a> {
    /// The prefix; empty for the default namespace.
    prefix: &'a str,
    ns: NsId,
    /// Depth of the element that declared it.
    depth: usize,
    /// Index of the binding of the same prefix this one hides, kept once
    /// [`Namespaces::prefixes`] is in use.
    hides: Option<u32>,
}

/// Up to this many interned URIs or bindings in scope are searched one by one; beyond it, a
/// hash map is built and kept, so that documents declaring many namespaces decode in linear
/// time.
pub(super) const LINEAR_SEARCH_LIMIT: usize = 16;

/// The namespaces of a document: every URI declared so far, interned, and the prefixes in
/// scope at the current element.
pub(super) struct Namespaces<'a> {
    pub(super) uris: Vec<String>,
    /// URI to id, once `uris` outgrows [`LINEAR_SEARCH_LIMIT`].
    ids: std::collections::HashMap<String, u32>,
    bindings: Vec<Binding<'a>>,
    /// Prefix to the index of its innermost binding, once `bindings` outgrows
    /// [`LINEAR_SEARCH_LIMIT`].
    prefixes: std::collections::HashMap<&'a str, u32>,
    /// Changes whenever `bindings` does: a prefix resolves the same while it stays put.
    pub(super) scope: u64,
}

impl<'a> Namespaces<'a> {
    pub(super) fn new() -> Self {
        Namespaces {
            uris: vec![String::new(), XML_NS.to_owned()],
            ids: std::collections::HashMap::new(),
            bindings: Vec::with_capacity(8),
            prefixes: std::collections::HashMap::new(),
            scope: 0,
        }
    }

    pub(super) fn find(&self, uri: &str) -> Option<u32> {
        if self.ids.is_empty() {
            self.uris.iter().position(|ns| ns == uri).map(|i| i as u32)
        } else {
            self.ids.get(uri).copied()
        }
    }

    pub(super) fn intern(&mut self, uri: &str) -> NsId {
        if let Some(id) = self.find(uri) {
            return NsId(id);
        }
        let id = self.uris.len() as u32;
        self.uris.push(uri.to_owned());
        if !self.ids.is_empty() {
            self.ids.insert(uri.to_owned(), id);
        } else if self.uris.len() > LINEAR_SEARCH_LIMIT {
            self.ids = self
                .uris
                .iter()
                .enumerate()
                .map(|(i, ns)| (ns.clone(), i as u32))
                .collect();
        }
        NsId(id)
    }

    pub(super) fn bind(&mut self, prefix: &'a str, ns: NsId, depth: usize) {
        let index = self.bindings.len() as u32;
        let mut binding = Binding {
            prefix,
            ns,
            depth,
            hides: None,
        };
        if !self.prefixes.is_empty() {
            binding.hides = self.prefixes.insert(prefix, index);
        }
        self.bindings.push(binding);
        self.scope += 1;
        if self.prefixes.is_empty() && self.bindings.len() > LINEAR_SEARCH_LIMIT {
            for (i, binding) in self.bindings.iter_mut().enumerate() {
                binding.hides = self.prefixes.insert(binding.prefix, i as u32);
            }
        }
    }

    /// Drops the bindings declared at `depth` or deeper.
    pub(super) fn unbind_from(&mut self, depth: usize) {
        while let Some(binding) = self.bindings.last().filter(|b| b.depth >= depth).copied() {
            self.bindings.pop();
            self.scope += 1;
            if !self.prefixes.is_empty() {
                match binding.hides {
                    Some(hidden) => self.prefixes.insert(binding.prefix, hidden),
                    None => self.prefixes.remove(binding.prefix),
                };
            }
        }
    }

    /// The namespace bound to `prefix` in scope, if any.
    pub(super) fn lookup(&self, prefix: &str) -> Option<NsId> {
        if self.prefixes.is_empty() {
            self.bindings
                .iter()
                .rev()
                .find(|b| b.prefix == prefix)
                .map(|b| b.ns)
        } else {
            let index = *self.prefixes.get(prefix)?;
            self.bindings.get(index as usize).map(|b| b.ns)
        }
    }
}

/// The namespace bound to the `xml` prefix in every document.
pub(super) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The interned id of [`XML_NS`].
pub(super) const XML_NS_ID: NsId = NsId(1);
