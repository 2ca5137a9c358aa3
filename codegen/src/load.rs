//! Follows `wsdl:import`, `xs:import` and `xs:include` to the documents they name, each
//! fetched once through a [`Loader`], and merges them into one [`Definitions`].

use std::cell::RefCell;
use std::collections::HashSet;

use xmltree::Element;

use crate::error::{Error, ModelError};
use crate::model::node::Node;
use crate::model::{Definitions, WSDL_NS, XS_NS, parse_document, wsdl, xsd};

/// Fetches documents referred to by location.
pub trait Loader {
    /// Resolves `location` against `base` (the path or URL of the referring document) and
    /// returns the resolved location and the document's bytes, or a message saying why not.
    fn load(&mut self, base: &str, location: &str) -> Result<(String, Vec<u8>), String>;
}

/// A loader for documents without imports: every load fails.
pub struct NoImports;

impl Loader for NoImports {
    fn load(&mut self, _base: &str, location: &str) -> Result<(String, Vec<u8>), String> {
        Err(format!(
            "imports are not followed here (location {location})"
        ))
    }
}

fn load_error(file: &str, path: &str, location: &str, reason: &str) -> Error {
    Error::Model(ModelError::Invalid {
        file: file.to_owned(),
        path: path.to_owned(),
        message: format!("cannot load {location:?}: {reason}"),
    })
}

fn root_path(root: &Element) -> String {
    match &root.prefix {
        Some(prefix) => format!("/{prefix}:{}", root.name),
        None => format!("/{}", root.name),
    }
}

/// Reads the WSDL `text` (from `file`) and every document it imports. With `skipped`,
/// unsupported constructs are listed there and left out instead of refused.
pub fn read_with_imports(
    file: &str,
    text: &[u8],
    loader: &mut dyn Loader,
    skipped: Option<&RefCell<Vec<String>>>,
) -> Result<Definitions, Error> {
    let root = parse_document(file, text)?;
    let mut definitions = wsdl::read_definitions(file, &root, skipped)?;
    let mut seen: HashSet<String> = HashSet::from([file.to_owned()]);
    let mut pending_imports = std::mem::take(&mut definitions.imports);
    let referrer = file.to_owned();
    let mut referrers = vec![referrer; pending_imports.len()];
    while let Some(import) = pending_imports.pop() {
        let base = referrers.pop().unwrap_or_default();
        let (resolved, bytes) = loader
            .load(&base, &import.location)
            .map_err(|reason| load_error(&base, &import.path, &import.location, &reason))?;
        if !seen.insert(resolved.clone()) {
            continue;
        }
        let document = parse_document(&resolved, &bytes)?;
        if document.name == "definitions" && document.namespace.as_deref() == Some(WSDL_NS) {
            let mut imported = wsdl::read_definitions(&resolved, &document, skipped)?;
            referrers.extend(std::iter::repeat_n(
                resolved.clone(),
                imported.imports.len(),
            ));
            pending_imports.append(&mut imported.imports);
            definitions.schemas.append(&mut imported.schemas);
            definitions.messages.append(&mut imported.messages);
            definitions.port_types.append(&mut imported.port_types);
            definitions.bindings.append(&mut imported.bindings);
            definitions.services.append(&mut imported.services);
        } else if document.name == "schema" && document.namespace.as_deref() == Some(XS_NS) {
            let path = root_path(&document);
            let node = lenient(Node::root(&document, &resolved, &path), skipped);
            definitions.schemas.push(xsd::read_schema(node)?);
        } else {
            return Err(load_error(
                &base,
                &import.path,
                &import.location,
                "it is neither a WSDL nor a schema",
            ));
        }
    }
    load_schema_references(&mut definitions.schemas, loader, &mut seen, skipped)?;
    Ok(definitions)
}

fn lenient<'a>(node: Node<'a>, skipped: Option<&'a RefCell<Vec<String>>>) -> Node<'a> {
    match skipped {
        Some(skipped) => node.lenient(skipped),
        None => node,
    }
}

/// Loads the schemas that schemas import or include by location, until none is left.
fn load_schema_references(
    schemas: &mut Vec<xsd::Schema>,
    loader: &mut dyn Loader,
    seen: &mut HashSet<String>,
    skipped: Option<&RefCell<Vec<String>>>,
) -> Result<(), Error> {
    let mut next = 0;
    while next < schemas.len() {
        let referrer = schemas[next].clone();
        next += 1;
        let references = referrer
            .imports
            .iter()
            .filter_map(|i| {
                i.location
                    .as_ref()
                    .map(|l| (l.clone(), i.path.clone(), None))
            })
            .chain(referrer.includes.iter().map(|i| {
                (
                    i.location.clone(),
                    i.path.clone(),
                    Some(referrer.target_ns.clone()),
                )
            }));
        for (location, path, includer_ns) in references.collect::<Vec<_>>() {
            let (resolved, bytes) = loader
                .load(&referrer.file, &location)
                .map_err(|reason| load_error(&referrer.file, &path, &location, &reason))?;
            let key = format!("{resolved}#{}", includer_ns.as_deref().unwrap_or(""));
            if !seen.insert(key) {
                continue;
            }
            let document = parse_document(&resolved, &bytes)?;
            if document.name != "schema" || document.namespace.as_deref() != Some(XS_NS) {
                return Err(load_error(
                    &referrer.file,
                    &path,
                    &location,
                    "it is not an XML Schema document",
                ));
            }
            let root_path = root_path(&document);
            let node = lenient(Node::root(&document, &resolved, &root_path), skipped);
            let schema = match &includer_ns {
                Some(ns) => {
                    let own = document.attributes.get("targetNamespace");
                    match own {
                        None => xsd::read_schema(node.with_chameleon(ns))?,
                        Some(own) if own == ns => xsd::read_schema(node)?,
                        Some(own) => {
                            return Err(load_error(
                                &referrer.file,
                                &path,
                                &location,
                                &format!(
                                    "it has target namespace {own:?}, not the includer's {ns:?}"
                                ),
                            ));
                        }
                    }
                }
                None => xsd::read_schema(node)?,
            };
            schemas.push(schema);
        }
    }
    Ok(())
}

/// Loads documents from the file system, resolving locations against the referring
/// document's directory. Locations are shown relative to `root`, so messages do not depend
/// on where the checkout is.
pub struct FsLoader {
    root: std::path::PathBuf,
}

impl FsLoader {
    /// A loader whose file names are relative to `root`.
    pub fn new(root: impl Into<std::path::PathBuf>) -> Self {
        FsLoader { root: root.into() }
    }
}

/// Joins `location` to the directory of `base`, normalizing `.` and `..` segments.
pub fn join_relative(base: &str, location: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for segment in location.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

impl Loader for FsLoader {
    fn load(&mut self, base: &str, location: &str) -> Result<(String, Vec<u8>), String> {
        if location.contains("://") {
            return Err("only files are loaded here".to_owned());
        }
        let resolved = join_relative(base, location);
        let bytes = std::fs::read(self.root.join(&resolved)).map_err(|e| e.to_string())?;
        Ok((resolved, bytes))
    }
}
