//! Model to IR: follows every operation's messages to the schema types they reach, turns
//! each document's types into drafts, merges the drafts several documents share, then
//! decides names and recursion boxing.
//!
//! Architecture invariant: a type with the same key in several documents is emitted once
//! when every document defines it, and everything it refers to, the same way; otherwise each
//! document gets its own.

mod bodies;
mod boxing;
mod finish;
mod index;
mod operations;
mod share;
mod types;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::ResolveError;
use crate::ir::{ElementName, FieldKind, Ir, Occurs, Shape, TypeId};
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
    /// The elements that may stand for a substitution group head.
    Substitution(QName),
    /// A named model group with a struct of its own (repeated, or inside `xs:choice`).
    Group(QName),
    /// A named complex type together with the types that extend it.
    Polymorphic(QName),
    /// The wrapper of an rpc-style request (`false`) or response (`true`).
    Rpc { operation: QName, response: bool },
    /// The body of a document-style message that has no element of its own: an empty
    /// body, or a part of a simple type.
    Message(QName),
}

/// Where a type's definition is, to resolve it later.
#[derive(Clone)]
pub(crate) enum Source<'m> {
    Complex(&'m Schema, &'m ComplexType, Option<ElementName>),
    Simple(&'m Schema, &'m SimpleType),
}

/// A type before names are decided.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Draft {
    pub(crate) origin: String,
    pub(crate) docs: Option<String>,
    pub(crate) kind: DraftKind,
}

pub(crate) type DraftValues = Vec<(String, Option<i64>, Option<String>)>;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum DraftKind {
    Struct(DraftStruct),
    Enum(DraftValues),
    Flags(DraftValues),
    Choice(Vec<DraftVariant>),
    Polymorphic {
        base: TypeId,
        variants: Vec<(TypeId, ElementName)>,
    },
    Alias(Shape),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct DraftStruct {
    pub(crate) fields: Vec<DraftField>,
    pub(crate) attributes: Vec<DraftAttribute>,
    pub(crate) text: Option<Shape>,
    pub(crate) any_attribute: bool,
    pub(crate) mixed: bool,
    pub(crate) base: Option<TypeId>,
    pub(crate) element: Option<ElementName>,
    pub(crate) group: bool,
    pub(crate) rpc_wrapper: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct DraftField {
    pub(crate) kind: FieldKind,
    pub(crate) element: ElementName,
    pub(crate) occurs: Occurs,
    pub(crate) shape: Shape,
    pub(crate) schema_type: String,
    pub(crate) docs: Option<String>,
    pub(crate) default: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct DraftAttribute {
    pub(crate) name: ElementName,
    pub(crate) shape: Shape,
    pub(crate) required: bool,
    pub(crate) default: Option<String>,
    pub(crate) schema_type: String,
    pub(crate) docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct DraftVariant {
    pub(crate) element: ElementName,
    pub(crate) shape: Shape,
    pub(crate) schema_type: String,
}

impl DraftKind {
    /// The kind with documentation removed, to compare definitions from two documents.
    fn without_docs(&self) -> DraftKind {
        let strip = |values: &DraftValues| {
            values
                .iter()
                .map(|(v, n, _)| (v.clone(), *n, None))
                .collect()
        };
        match self {
            DraftKind::Struct(s) => DraftKind::Struct(DraftStruct {
                fields: s
                    .fields
                    .iter()
                    .map(|f| DraftField {
                        docs: None,
                        ..f.clone()
                    })
                    .collect(),
                attributes: s
                    .attributes
                    .iter()
                    .map(|a| DraftAttribute {
                        docs: None,
                        ..a.clone()
                    })
                    .collect(),
                ..s.clone()
            }),
            DraftKind::Enum(values) => DraftKind::Enum(strip(values)),
            DraftKind::Flags(values) => DraftKind::Flags(strip(values)),
            other => other.clone(),
        }
    }
}

/// State shared while resolving all documents. Each document's types get ids of their own;
/// `share::merge` then gives the types several documents define alike one id.
pub(crate) struct Resolver<'m> {
    keys: Vec<TypeKey>,
    ids: HashMap<(usize, TypeKey), TypeId>,
    drafts: Vec<Option<Draft>>,
    /// Documents (by index) whose operations reach each type.
    owners: Vec<BTreeSet<usize>>,
    queue: VecDeque<(TypeId, Source<'m>)>,
    /// Warnings, and in lenient mode the unsupported constructs left out.
    diagnostics: Diagnostics,
    /// Types that are single lexical values (enums, flag sets, aliases of simple types).
    simple_ids: HashSet<TypeId>,
    /// Named model groups and simple types being expanded, to refuse one that contains
    /// (or restricts) itself.
    groups_in_progress: Vec<QName>,
    /// The document being resolved.
    doc: usize,
}

impl<'m> Resolver<'m> {
    fn new(lenient: bool) -> Self {
        Resolver {
            keys: Vec::new(),
            ids: HashMap::new(),
            drafts: Vec::new(),
            owners: Vec::new(),
            queue: VecDeque::new(),
            diagnostics: Diagnostics::new(lenient),
            simple_ids: HashSet::new(),
            groups_in_progress: Vec::new(),
            doc: 0,
        }
    }

    /// The id of `key` in the current document, allocated on first sight.
    pub(crate) fn intern(&mut self, key: TypeKey) -> TypeId {
        let scoped = (self.doc, key);
        if let Some(id) = self.ids.get(&scoped) {
            return *id;
        }
        let id = TypeId(self.keys.len());
        self.keys.push(scoped.1.clone());
        self.ids.insert(scoped, id);
        self.drafts.push(None);
        self.owners.push(BTreeSet::new());
        id
    }

    pub(crate) fn enqueue(&mut self, id: TypeId, source: Source<'m>) {
        if matches!(source, Source::Simple(..)) {
            self.simple_ids.insert(id);
        }
        self.queue.push_back((id, source));
    }

    /// Records the draft of `id`, a type of the current document.
    pub(crate) fn define(&mut self, id: TypeId, draft: Draft) {
        if let DraftKind::Alias(shape) = &draft.kind {
            let simple = match shape {
                Shape::Named(inner) => self.simple_ids.contains(inner),
                _ => true,
            };
            if simple {
                self.simple_ids.insert(id);
            }
        }
        if self.drafts[id.0].is_none() {
            self.drafts[id.0] = Some(draft);
        }
        self.owners[id.0].insert(self.doc);
    }

    /// Resolves every queued type of the current document.
    fn drain(
        &mut self,
        idx: &SchemaIndex<'m>,
        seen: &mut HashSet<TypeId>,
    ) -> Result<(), ResolveError> {
        while let Some((id, source)) = self.queue.pop_front() {
            if !seen.insert(id) {
                continue;
            }
            let path = match &source {
                Source::Complex(_, c, _) => c.path.clone(),
                Source::Simple(_, s) => s.path.clone(),
            };
            let draft = match self.resolve_source(idx, id, source) {
                Ok(draft) => draft,
                Err(error @ ResolveError::Unsupported { .. }) if self.diagnostics.is_lenient() => {
                    self.diagnostics
                        .push(Diagnostic::skipped(&error, "kept as raw XML"));
                    Draft {
                        origin: format!("type at {path}, kept as raw XML"),
                        docs: None,
                        kind: DraftKind::Struct(DraftStruct {
                            mixed: true,
                            ..DraftStruct::default()
                        }),
                    }
                }
                Err(error) => return Err(error),
            };
            self.define(id, draft);
        }
        Ok(())
    }
}

/// How [`resolve`] treats its documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResolveOptions {
    /// Types several documents define identically (see the `share` module) go to a common
    /// module; without, there must be one document.
    pub shared_module: bool,
    /// Unsupported constructs are reported in `Ir::diagnostics` (types kept as raw XML,
    /// operations left out) instead of failing.
    pub lenient: bool,
}

/// Resolves the documents into the IR.
pub fn resolve(inputs: &[Input], options: ResolveOptions) -> Result<Ir, ResolveError> {
    let indexes = inputs
        .iter()
        .map(|input| SchemaIndex::new(&input.definitions))
        .collect::<Result<Vec<_>, _>>()?;
    let mut resolver = Resolver::new(options.lenient);
    let mut modules = Vec::new();
    for (doc, (input, idx)) in inputs.iter().zip(&indexes).enumerate() {
        resolver.doc = doc;
        let ports = resolver.ports(idx)?;
        resolver.drain(idx, &mut HashSet::new())?;
        modules.push((input, ports));
    }
    share::merge(&mut resolver, &mut modules);
    finish::finish(resolver, modules, options.shared_module)
}
