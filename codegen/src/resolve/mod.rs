//! Model to IR: follows every operation's messages to the schema types they reach, turns
//! those into drafts shared across documents, then decides names and recursion boxing.
//!
//! Architecture invariant: a type with the same key in several documents is emitted once,
//! and only if every document defines it the same way.

mod finish;
mod index;
mod operations;
mod types;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use crate::error::ResolveError;
use crate::ir::{ElementName, Ir, Occurs, Shape, TypeId};
use crate::model::xsd::{ComplexType, Schema, SimpleType};
use crate::model::{Definitions, QName};
use index::SchemaIndex;

/// One input document and the module it becomes.
#[derive(Debug, Clone)]
pub struct Input {
    /// Rust module name.
    pub module: String,
    /// The document.
    pub definitions: Definitions,
}

/// Identity of a type across documents.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum TypeKey {
    /// A named type.
    Type(QName),
    /// The anonymous type of a global element.
    Element(QName),
    /// The anonymous type of a field of another type.
    Anonymous { parent: TypeId, field: String },
}

/// Where a type's definition is, to resolve it later.
#[derive(Clone)]
pub(crate) enum Source<'m> {
    Complex(&'m Schema, &'m ComplexType, Option<ElementName>),
    Simple(&'m Schema, &'m SimpleType),
}

/// A type before names are decided.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    pub(crate) origin: String,
    pub(crate) docs: Option<String>,
    pub(crate) kind: DraftKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DraftKind {
    Struct {
        fields: Vec<DraftField>,
        base: Option<TypeId>,
        element: Option<ElementName>,
    },
    Enum(Vec<(String, Option<i64>, Option<String>)>),
    Flags(Vec<(String, Option<i64>, Option<String>)>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftField {
    pub(crate) element: ElementName,
    pub(crate) occurs: Occurs,
    pub(crate) shape: Shape,
    pub(crate) schema_type: String,
    pub(crate) docs: Option<String>,
}

impl DraftKind {
    /// The kind with documentation removed, to compare definitions from two documents.
    fn without_docs(&self) -> DraftKind {
        let strip = |values: &Vec<(String, Option<i64>, Option<String>)>| {
            values
                .iter()
                .map(|(v, n, _)| (v.clone(), *n, None))
                .collect()
        };
        match self {
            DraftKind::Struct {
                fields,
                base,
                element,
            } => DraftKind::Struct {
                fields: fields
                    .iter()
                    .map(|f| DraftField {
                        docs: None,
                        ..f.clone()
                    })
                    .collect(),
                base: *base,
                element: element.clone(),
            },
            DraftKind::Enum(values) => DraftKind::Enum(strip(values)),
            DraftKind::Flags(values) => DraftKind::Flags(strip(values)),
        }
    }
}

/// State shared while resolving all documents.
pub(crate) struct Resolver<'m> {
    keys: Vec<TypeKey>,
    ids: HashMap<TypeKey, TypeId>,
    drafts: Vec<Option<Draft>>,
    /// Documents (by index) whose operations reach each type.
    owners: Vec<BTreeSet<usize>>,
    /// The document each draft was taken from, for conflict messages.
    draft_files: Vec<String>,
    queue: VecDeque<(TypeId, Source<'m>)>,
    warnings: Vec<String>,
}

impl<'m> Resolver<'m> {
    fn new() -> Self {
        Resolver {
            keys: Vec::new(),
            ids: HashMap::new(),
            drafts: Vec::new(),
            owners: Vec::new(),
            draft_files: Vec::new(),
            queue: VecDeque::new(),
            warnings: Vec::new(),
        }
    }

    /// The id of `key`, allocated on first sight.
    pub(crate) fn intern(&mut self, key: TypeKey) -> TypeId {
        if let Some(id) = self.ids.get(&key) {
            return *id;
        }
        let id = TypeId(self.keys.len());
        self.keys.push(key.clone());
        self.ids.insert(key, id);
        self.drafts.push(None);
        self.owners.push(BTreeSet::new());
        self.draft_files.push(String::new());
        id
    }

    pub(crate) fn enqueue(&mut self, id: TypeId, source: Source<'m>) {
        self.queue.push_back((id, source));
    }

    /// Resolves every queued type of document `doc`.
    fn drain(
        &mut self,
        idx: &SchemaIndex<'m>,
        doc: usize,
        seen: &mut HashSet<TypeId>,
    ) -> Result<(), ResolveError> {
        while let Some((id, source)) = self.queue.pop_front() {
            if !seen.insert(id) {
                continue;
            }
            let draft = self.resolve_source(idx, id, source.clone())?;
            match &self.drafts[id.0] {
                None => {
                    self.drafts[id.0] = Some(draft);
                    self.draft_files[id.0] = idx.def.file.clone();
                }
                Some(existing) if existing.kind.without_docs() == draft.kind.without_docs() => {}
                Some(existing) => {
                    return Err(ResolveError::Invalid {
                        file: idx.def.file.clone(),
                        path: match source {
                            Source::Complex(_, c, _) => c.path.clone(),
                            Source::Simple(_, s) => s.path.clone(),
                        },
                        message: format!(
                            "{} is defined differently in {}; types shared by several WSDLs must be identical",
                            existing.origin, self.draft_files[id.0]
                        ),
                    });
                }
            }
            self.owners[id.0].insert(doc);
        }
        Ok(())
    }
}

/// Resolves the documents into the IR. With `shared_module`, types several documents
/// define identically go to a common module; without, there must be one document.
pub fn resolve(inputs: &[Input], shared_module: bool) -> Result<Ir, ResolveError> {
    let indexes = inputs
        .iter()
        .map(|input| SchemaIndex::new(&input.definitions))
        .collect::<Result<Vec<_>, _>>()?;
    let mut resolver = Resolver::new();
    let mut modules = Vec::new();
    for (doc, (input, idx)) in inputs.iter().zip(&indexes).enumerate() {
        let ports = resolver.ports(idx)?;
        resolver.drain(idx, doc, &mut HashSet::new())?;
        modules.push((input, ports));
    }
    finish::finish(resolver, modules, shared_module)
}
