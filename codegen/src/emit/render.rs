//! Files from token streams: each unit (a type, a port's operations, service, visitor)
//! parsed and formatted on its own by one pool of up to four threads, with the configured
//! type attributes added, then joined into its file.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use proc_macro2::TokenStream;

use super::{Ctx, GeneratedFile, Layout};
use crate::error::EmitError;
use crate::ir::{Home, TypeId};

/// Parses `tokens` as a file.
pub(super) fn parse(module: &str, tokens: TokenStream) -> Result<syn::File, EmitError> {
    syn::parse2(tokens).map_err(|e| EmitError {
        module: module.to_owned(),
        message: format!("generated tokens do not parse: {e}"),
    })
}

/// Parses `tokens` as a file and formats it.
pub(super) fn unparse(module: &str, tokens: TokenStream) -> Result<String, EmitError> {
    Ok(prettyplease::unparse(&parse(module, tokens)?))
}

/// The attributes of the kinds of items generated code has.
pub(super) fn item_attributes(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Struct(i) => Some(&mut i.attrs),
        syn::Item::Enum(i) => Some(&mut i.attrs),
        syn::Item::Impl(i) => Some(&mut i.attrs),
        syn::Item::Type(i) => Some(&mut i.attrs),
        syn::Item::Const(i) => Some(&mut i.attrs),
        syn::Item::Fn(i) => Some(&mut i.attrs),
        syn::Item::Trait(i) => Some(&mut i.attrs),
        syn::Item::Use(i) => Some(&mut i.attrs),
        syn::Item::Mod(i) => Some(&mut i.attrs),
        syn::Item::Static(i) => Some(&mut i.attrs),
        syn::Item::Macro(i) => Some(&mut i.attrs),
        _ => None,
    }
}

pub(super) fn format(module: &str, tokens: TokenStream, header: &str) -> Result<String, EmitError> {
    Ok(format!("{header}\n{}", unparse(module, tokens)?))
}

/// A part of a file that is rendered on its own, so the parts of a large file can be
/// formatted on several threads. Items format the same alone as together, so the output does
/// not depend on how they are split.
#[derive(Debug, Clone, Copy)]
pub(super) enum Unit {
    Type(TypeId),
    Operations { module: usize, port: usize },
    Service { module: usize, port: usize },
    Visitor { module: usize, port: usize },
    TypesVisitor(Home),
}

impl Ctx<'_> {
    pub(super) fn unit_tokens(&self, unit: Unit) -> TokenStream {
        match unit {
            Unit::Type(id) => self.type_items(id),
            Unit::Operations { module, port } => {
                self.port_operations(&self.ir.modules[module].ports[port])
            }
            Unit::Service { module, port } => {
                self.port_service(module, &self.ir.modules[module].ports[port])
            }
            Unit::Visitor { module, port } => {
                self.port_visitor(&self.ir.modules[module].ports[port])
            }
            Unit::TypesVisitor(home) => self.types_visitor(home),
        }
    }

    /// A unit's items, parsed; a shared type's items carry its feature gate.
    pub(super) fn unit_file(
        &self,
        file: &str,
        unit: Unit,
        names_namespaces: &AtomicBool,
    ) -> Result<syn::File, EmitError> {
        NAMES_NAMESPACES.set(false);
        let tokens = self.unit_tokens(unit);
        if NAMES_NAMESPACES.get() {
            names_namespaces.store(true, Ordering::Relaxed);
        }
        let mut parsed = parse(file, tokens)?;
        let gate = match unit {
            Unit::Type(id) => self.type_gate(id),
            _ => TokenStream::new(),
        };
        if let Unit::Type(_) = unit {
            self.add_type_attributes(file, &mut parsed)?;
        }
        if !gate.is_empty() {
            let attribute: syn::Attribute = syn::parse_quote!(#gate);
            for item in &mut parsed.items {
                if let Some(attributes) = item_attributes(item) {
                    let after_docs = attributes
                        .iter()
                        .take_while(|a| a.path().is_ident("doc"))
                        .count();
                    attributes.insert(after_docs, attribute.clone());
                }
            }
        }
        Ok(parsed)
    }

    /// Adds [`Options::type_attributes`](super::Options::type_attributes) to the structs and enums a type's unit defines,
    /// after their own attributes.
    pub(super) fn add_type_attributes(
        &self,
        file: &str,
        parsed: &mut syn::File,
    ) -> Result<(), EmitError> {
        if self.options.type_attributes.is_empty() {
            return Ok(());
        }
        for item in &mut parsed.items {
            let (name, attributes) = match item {
                syn::Item::Struct(i) => (i.ident.to_string(), &mut i.attrs),
                syn::Item::Enum(i) => (i.ident.to_string(), &mut i.attrs),
                _ => continue,
            };
            let name = name.strip_prefix("r#").unwrap_or(&name);
            for extra in &self.options.type_attributes {
                if extra.matches(name) {
                    let mut parsed = extra.parse().map_err(|message| EmitError {
                        module: file.to_owned(),
                        message,
                    })?;
                    attributes.append(&mut parsed);
                }
            }
        }
        Ok(())
    }

    /// The units of the types homed in `home`, then (for a document's module) its ports.
    pub(super) fn units_of(&self, home: Home) -> Vec<Unit> {
        let mut units: Vec<Unit> = (0..self.ir.types.len())
            .filter(|&i| self.ir.types[i].home == home)
            .map(|i| Unit::Type(TypeId(i)))
            .collect();
        if let Home::Module(module) = home {
            let ports = self.ir.modules[module].ports.len();
            units.extend((0..ports).map(|port| Unit::Operations { module, port }));
            units.extend((0..ports).map(|port| Unit::Service { module, port }));
            if self.layout == Layout::Crate {
                units.extend((0..ports).map(|port| Unit::Visitor { module, port }));
            }
        }
        if self.layout == Layout::Crate {
            units.push(Unit::TypesVisitor(home));
        }
        units
    }

    /// Formats each file: its prelude, then its units, then its epilogue. Units are
    /// formatted one at a time (small token streams and syntax trees stay in cache) by the
    /// calling thread and up to three more, each taking the next unformatted unit of any
    /// file, so one pool of threads serves the whole crate.
    pub(super) fn render(&self, plans: Vec<FilePlan>) -> Result<Vec<GeneratedFile>, EmitError> {
        let work_items: Vec<(usize, Unit)> = plans
            .iter()
            .enumerate()
            .flat_map(|(file, plan)| plan.units.iter().map(move |unit| (file, *unit)))
            .collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
            .min(work_items.len().div_ceil(8).max(1));
        let next = AtomicUsize::new(0);
        let names_namespaces: Vec<AtomicBool> =
            plans.iter().map(|_| AtomicBool::new(false)).collect();
        let work = || {
            let mut done = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some((file, unit)) = work_items.get(index) else {
                    return done;
                };
                let formatted = self
                    .unit_file(&plans[*file].path, *unit, &names_namespaces[*file])
                    .map(|parsed| prettyplease::unparse(&parsed));
                done.push((index, formatted));
            }
        };
        let mut parts: Vec<(usize, Result<String, EmitError>)> = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut parts = work();
            for helper in helpers {
                match helper.join() {
                    Ok(mut more) => parts.append(&mut more),
                    Err(_) => parts.push((
                        0,
                        Err(EmitError {
                            module: String::new(),
                            message: "a formatting thread panicked".to_owned(),
                        }),
                    )),
                }
            }
            parts
        });
        parts.sort_by_key(|(index, _)| *index);
        let namespaces_import = match self.layout {
            Layout::Crate => unparse(
                "namespaces import",
                quote::quote!(
                    use crate::namespaces as __ns;
                ),
            )?,
            Layout::Single => String::new(),
        };
        let mut outputs: Vec<String> = plans
            .iter()
            .zip(&names_namespaces)
            .map(|(plan, names)| {
                let import = if names.load(Ordering::Relaxed) {
                    namespaces_import.as_str()
                } else {
                    ""
                };
                format!("{}\n{}{import}", self.options.header, plan.prelude)
            })
            .collect();
        for (index, part) in parts {
            let file = work_items.get(index).map_or(0, |(file, _)| *file);
            outputs[file].push_str(&part?);
        }
        Ok(plans
            .into_iter()
            .zip(outputs)
            .map(|(plan, mut contents)| {
                contents.push_str(&plan.epilogue);
                GeneratedFile {
                    path: plan.path,
                    contents,
                }
            })
            .collect())
    }
}

/// What a file's code calls the crate's `namespaces` module (imported only where used, so
/// no file has an unused import); generated names never start with an underscore.
pub(super) const NAMESPACES_ALIAS: &str = "__ns";

thread_local! {
    /// Set by [`Ctx::ns`] when it names a namespace constant: whether the unit being emitted
    /// on this thread needs its file to import the `namespaces` module.
    pub(super) static NAMES_NAMESPACES: Cell<bool> = const { Cell::new(false) };
}

/// A file to render: its prelude and epilogue already formatted, its units not yet.
pub(super) struct FilePlan {
    pub(super) path: String,
    pub(super) prelude: String,
    pub(super) units: Vec<Unit>,
    pub(super) epilogue: String,
}
