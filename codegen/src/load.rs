//! Follows `wsdl:import`, `xs:import` and `xs:include` to the documents they name, each
//! fetched once through a [`Loader`], and merges them into one [`Definitions`].

use std::collections::{HashMap, HashSet};

use xmltree::Element;

use crate::diagnostics::Diagnostics;
use crate::error::{Error, LoadError, ModelError};
use crate::model::node::Node;
use crate::model::{Definitions, WSDL_NS, XS_NS, parse_document, wsdl, xsd};

/// Fetches documents referred to by location.
pub trait Loader {
    /// Resolves `location` against `base` (the path or URL of the referring document) and
    /// returns the resolved location and the document's bytes, or why not.
    fn load(&mut self, base: &str, location: &str) -> Result<(String, Vec<u8>), LoadError>;

    /// Where `location` leads from `base`, without fetching it: a document already fetched
    /// from there is not fetched again. The default joins relative paths and URLs.
    fn resolve(&self, base: &str, location: &str) -> String {
        resolve_location(base, location)
    }
}

/// Resolves `location` against `base`, a path or an absolute URL: an absolute URL stays as
/// it is, a relative location is joined to the directory of `base` (`.` and `..` resolved).
pub fn resolve_location(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let without_fragment = base.split('#').next().unwrap_or(base);
    let without_query = without_fragment
        .split('?')
        .next()
        .unwrap_or(without_fragment);
    let Some(scheme_end) = without_query.find("://") else {
        return join_relative(base, location);
    };
    let after_scheme = scheme_end + "://".len();
    let authority_end = without_query
        .get(after_scheme..)
        .and_then(|rest| rest.find('/'))
        .map_or(without_query.len(), |i| after_scheme + i);
    let (origin, path) = without_query.split_at(authority_end);
    if location.starts_with('?') {
        return format!("{without_query}{location}");
    }
    let directory = if location.starts_with('/') || path.is_empty() {
        "/"
    } else {
        path
    };
    let mut joined = join_relative(directory, location);
    // A URL path cannot climb above its root.
    while let Some(rest) = joined
        .strip_prefix("../")
        .or_else(|| joined.strip_prefix('/'))
    {
        joined = rest.to_owned();
    }
    format!("{origin}/{joined}")
}

/// Fetches through a [`Loader`], each document once: a location that resolves to one
/// already fetched gets the same bytes again.
struct Fetcher<'l> {
    loader: &'l mut dyn Loader,
    fetched: HashMap<String, (String, Vec<u8>)>,
}

impl Fetcher<'_> {
    fn fetch(&mut self, base: &str, location: &str) -> Result<(String, Vec<u8>), LoadError> {
        let predicted = self.loader.resolve(base, location);
        if let Some(document) = self.fetched.get(&predicted) {
            return Ok(document.clone());
        }
        let document = self.loader.load(base, location)?;
        self.fetched.insert(document.0.clone(), document.clone());
        self.fetched.insert(predicted, document.clone());
        Ok(document)
    }
}

/// A loader for documents without imports: every load fails.
pub struct NoImports;

impl Loader for NoImports {
    fn load(&mut self, _base: &str, _location: &str) -> Result<(String, Vec<u8>), LoadError> {
        Err(LoadError::NotFollowed)
    }
}

fn load_error(file: &str, path: &str, location: &str, reason: LoadError) -> Error {
    Error::Model(ModelError::Load {
        file: file.to_owned(),
        path: path.to_owned(),
        location: location.to_owned(),
        reason: Box::new(reason),
    })
}

fn root_path(root: &Element) -> String {
    match &root.prefix {
        Some(prefix) => format!("/{prefix}:{}", root.name),
        None => format!("/{}", root.name),
    }
}

/// Reads one document into the model without following its imports.
pub(crate) fn read_root(
    file: &str,
    text: &[u8],
    diagnostics: &Diagnostics,
) -> Result<Definitions, Error> {
    let root = parse_document(file, text)?;
    Ok(wsdl::read_definitions(file, &root, diagnostics)?)
}

/// Adds to `definitions`, read from `file` by [`read_root`], everything its imports and its
/// schemas' imports and includes bring, each document fetched once; also says how many
/// documents that was, `file` included.
pub(crate) fn follow_imports(
    file: &str,
    text: &[u8],
    mut definitions: Definitions,
    loader: &mut dyn Loader,
    diagnostics: &Diagnostics,
) -> Result<(Definitions, usize), Error> {
    let mut loader = Fetcher {
        loader,
        fetched: HashMap::from([(file.to_owned(), (file.to_owned(), text.to_vec()))]),
    };
    let mut seen: HashSet<String> = HashSet::from([file.to_owned()]);
    let mut pending_imports = std::mem::take(&mut definitions.imports);
    let referrer = file.to_owned();
    let mut referrers = vec![referrer; pending_imports.len()];
    while let Some(import) = pending_imports.pop() {
        let base = referrers.pop().unwrap_or_default();
        let (resolved, bytes) = loader
            .fetch(&base, &import.location)
            .map_err(|reason| load_error(&base, &import.path, &import.location, reason))?;
        if !seen.insert(resolved.clone()) {
            continue;
        }
        let document = parse_document(&resolved, &bytes)?;
        if document.name == "definitions" && document.namespace.as_deref() == Some(WSDL_NS) {
            let mut imported = wsdl::read_definitions(&resolved, &document, diagnostics)?;
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
            let node = Node::root(&document, &resolved, &path).reporting_to(diagnostics);
            definitions.schemas.push(xsd::read_schema(node)?);
        } else {
            return Err(load_error(
                &base,
                &import.path,
                &import.location,
                LoadError::NotWsdlOrSchema,
            ));
        }
    }
    load_schema_references(
        &mut definitions.schemas,
        &mut loader,
        &mut seen,
        diagnostics,
    )?;
    Ok((definitions, seen.len()))
}

/// Loads the schemas that schemas import or include by location, until none is left.
fn load_schema_references(
    schemas: &mut Vec<xsd::Schema>,
    loader: &mut Fetcher<'_>,
    seen: &mut HashSet<String>,
    diagnostics: &Diagnostics,
) -> Result<(), Error> {
    let mut next = 0;
    while next < schemas.len() {
        let referrer = schemas[next].clone();
        next += 1;
        let references = referrer
            .imports
            .iter()
            .filter(|i| {
                !i.namespace
                    .as_deref()
                    .is_some_and(crate::model::is_built_in_namespace)
            })
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
                .fetch(&referrer.file, &location)
                .map_err(|reason| load_error(&referrer.file, &path, &location, reason))?;
            let document = parse_document(&resolved, &bytes)?;
            // A document is read once, whether included or imported (or both): only a
            // chameleon include (no target namespace of its own) is read again for each
            // namespace that includes it.
            let chameleon = includer_ns
                .as_deref()
                .filter(|_| !document.attributes.contains_key("targetNamespace"));
            let key = match chameleon {
                Some(ns) => format!("{resolved}#{ns}"),
                None => resolved.clone(),
            };
            if !seen.insert(key) {
                continue;
            }
            if document.name != "schema" || document.namespace.as_deref() != Some(XS_NS) {
                return Err(load_error(
                    &referrer.file,
                    &path,
                    &location,
                    LoadError::NotSchema,
                ));
            }
            let root_path = root_path(&document);
            let node = Node::root(&document, &resolved, &root_path).reporting_to(diagnostics);
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
                                LoadError::IncludeNamespace {
                                    own: own.clone(),
                                    includer: ns.clone(),
                                },
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
    fn load(&mut self, base: &str, location: &str) -> Result<(String, Vec<u8>), LoadError> {
        if location.contains("://") {
            return Err(LoadError::FilesOnly);
        }
        let resolved = join_relative(base, location);
        let bytes = std::fs::read(self.root.join(&resolved))?;
        Ok((resolved, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_locations_against_paths_and_urls() {
        assert_eq!(resolve_location("a/b/c.wsdl", "../x.xsd"), "a/x.xsd");
        assert_eq!(resolve_location("a/c.wsdl", "./t/x.xsd"), "a/t/x.xsd");
        assert_eq!(
            resolve_location("http://h:1/p/c.wsdl", "t/../x.xsd"),
            "http://h:1/p/x.xsd"
        );
        assert_eq!(
            resolve_location("http://h/p/c.wsdl?wsdl", "/x.xsd"),
            "http://h/x.xsd"
        );
        assert_eq!(
            resolve_location("http://h/S.svc?wsdl", "?xsd=xsd0"),
            "http://h/S.svc?xsd=xsd0"
        );
        assert_eq!(resolve_location("http://h", "x.xsd"), "http://h/x.xsd");
        assert_eq!(
            resolve_location("http://h/c.wsdl", "../../x.xsd"),
            "http://h/x.xsd"
        );
        assert_eq!(
            resolve_location("a/c.wsdl", "https://h/x.xsd"),
            "https://h/x.xsd"
        );
    }
}
