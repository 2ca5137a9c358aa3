//! The last resolve step: decides every Rust name, the module of each type, which fields
//! need a `Box` to break recursion (`boxing.rs`), and the namespace constants.

use super::boxing::box_recursive_fields;
use super::operations::{DraftMessage, DraftPort};
use super::{DraftKind, Input, Resolver, TypeKey};
use crate::error::ResolveError;
use crate::ir::{
    AttributeField, Choice, ChoiceVariant, Enumeration, Field, FieldKind, Flags, Header,
    HeaderType, Home, Ir, Message, Module, Namespace, Operation, OperationFault, Polymorphic,
    PolymorphicVariant, Port, Shape, Struct, TypeDef, TypeKind, Variant,
};
use crate::names::{self, Namer};

const UNKNOWN_VARIANT: &str = "Unknown";

pub(super) fn finish(
    resolver: Resolver<'_>,
    modules: Vec<(&Input, Vec<DraftPort>)>,
    shared_module: bool,
) -> Result<Ir, ResolveError> {
    let mut base_namer = Namer::new();
    // The generic parameters of generated clients and servers: inside their impls a type of
    // the same name would be shadowed. Everything else generated code names by absolute path
    // (`::core::option::Option`, `__rt::Request`), so no other name needs reserving.
    for reserved in ["Impl", "Tport"] {
        base_namer.reserve(reserved);
    }
    let homes = homes(&resolver, shared_module);
    let (type_names, mut namers) = name_types(&resolver, &homes, base_namer, modules.len());
    let mut ir_modules = Vec::new();
    let mut pending_ports = Vec::new();
    for ((input, ports), namer) in modules.into_iter().zip(&mut namers) {
        let mut module_consts = Namer::new();
        let mut named_ports = Vec::new();
        for port in ports {
            let trait_base = if port.shared_port_type {
                &port.binding
            } else {
                &port.port_type
            };
            let trait_name = trait_name(namer, trait_base);
            let client_name = namer.unique(format!("{trait_name}Client"));
            let server_name = namer.unique(format!("{trait_name}Server"));
            let operations_const =
                module_consts.unique(format!("{}_OPERATIONS", names::const_name(trait_base)));
            named_ports.push((port, trait_name, client_name, server_name, operations_const));
        }
        pending_ports.push((input, named_ports, module_consts));
    }

    let mut types = Vec::new();
    for (i, draft) in resolver.drafts.iter().enumerate() {
        let Some(draft) = draft else {
            return Err(ResolveError::Invalid {
                file: String::new(),
                path: String::new(),
                message: format!(
                    "internal error: type {:?} was never resolved",
                    resolver.keys[i]
                ),
            });
        };
        let (rust_name, flag_enum) = &type_names[i];
        let kind = match &draft.kind {
            DraftKind::Struct(draft) => {
                let mut field_names = Namer::new();
                let mut field_name = |local: &str, kind: &FieldKind| {
                    let candidate = match kind {
                        FieldKind::Element => names::field_name(local),
                        // An anonymous `xs:choice` is `choice`; a choice group or a
                        // substitution group is `<name>_choice`.
                        FieldKind::Choice if local == "choice" => "choice".to_owned(),
                        FieldKind::Choice => {
                            format!("{}_choice", names::unraw(&names::field_name(local)))
                        }
                        FieldKind::Any => "other_elements".to_owned(),
                        FieldKind::Group => names::field_name(local),
                    };
                    field_names.unique(candidate)
                };
                let attributes = draft
                    .attributes
                    .iter()
                    .map(|a| AttributeField {
                        rust_name: field_name(&a.name.local, &FieldKind::Element),
                        name: a.name.clone(),
                        shape: a.shape.clone(),
                        required: a.required,
                        default: a.default.clone(),
                        schema_type: a.schema_type.clone(),
                        docs: a.docs.clone(),
                    })
                    .collect();
                let fields = draft
                    .fields
                    .iter()
                    .map(|f| Field {
                        rust_name: field_name(&f.element.local, &f.kind),
                        kind: f.kind.clone(),
                        default: f.default.clone(),
                        element: f.element.clone(),
                        occurs: f.occurs,
                        shape: f.shape.clone(),
                        schema_type: f.schema_type.clone(),
                        docs: f.docs.clone(),
                    })
                    .collect();
                TypeKind::Struct(Struct {
                    fields,
                    attributes,
                    text: draft.text.clone(),
                    any_attribute: draft.any_attribute,
                    mixed: draft.mixed,
                    base: draft.base,
                    element: draft.element.clone(),
                    group: draft.group,
                    rpc_wrapper: draft.rpc_wrapper,
                })
            }
            DraftKind::Enum(values) => TypeKind::Enum(Enumeration {
                variants: variants(values),
                unknown_variant: UNKNOWN_VARIANT.to_owned(),
            }),
            DraftKind::Flags(values) => TypeKind::Flags(Flags {
                flag_enum: flag_enum.clone().unwrap_or_default(),
                variants: variants(values),
            }),
            DraftKind::Choice(choices) => {
                let mut variant_names = Namer::new();
                TypeKind::Choice(Choice {
                    variants: choices
                        .iter()
                        .map(|v| ChoiceVariant {
                            rust_name: variant_names.unique(names::type_name(&v.element.local)),
                            element: v.element.clone(),
                            shape: v.shape.clone(),
                            schema_type: v.schema_type.clone(),
                        })
                        .collect(),
                })
            }
            DraftKind::Polymorphic {
                base,
                variants: members,
            } => {
                let mut variant_names = Namer::new();
                TypeKind::Polymorphic(Polymorphic {
                    base: *base,
                    variants: members
                        .iter()
                        .map(|(id, xsi_type)| PolymorphicVariant {
                            rust_name: variant_names
                                .unique(names::unraw(&type_names[id.0].0).to_owned()),
                            type_id: *id,
                            xsi_type: xsi_type.clone(),
                        })
                        .collect(),
                })
            }
            DraftKind::Alias(shape) => TypeKind::Alias(shape.clone()),
        };
        let schema_name = match &resolver.keys[i] {
            TypeKey::Type(name) => Some(crate::ir::ElementName {
                ns: name.ns.clone(),
                local: name.local.clone(),
            }),
            _ => None,
        };
        types.push(TypeDef {
            origin: draft.origin.clone(),
            rust_name: rust_name.clone(),
            home: homes[i],
            schema_name,
            docs: draft.docs.clone(),
            kind,
        });
    }
    box_recursive_fields(&mut types);

    for (doc, ((input, named_ports, mut module_consts), namer)) in
        pending_ports.into_iter().zip(&mut namers).enumerate()
    {
        let mut ports = Vec::new();
        for (port, trait_name, client_name, server_name, operations_const) in named_ports {
            let mut methods = Namer::new();
            let operations: Vec<Operation> = port
                .operations
                .into_iter()
                .map(|op| {
                    let mut fault_names = Namer::new();
                    let faults: Vec<OperationFault> = op
                        .faults
                        .into_iter()
                        .map(|f| OperationFault {
                            rust_name: fault_names.unique(names::type_name(&f.name)),
                            name: f.name,
                            element: f.element,
                            type_id: f.type_id,
                        })
                        .collect();
                    let fault_enum = (!faults.is_empty()).then(|| {
                        namer.unique(format!(
                            "{}Fault",
                            names::unraw(&names::type_name(&op.name))
                        ))
                    });
                    Operation {
                        method_name: methods.unique(names::field_name(&op.name)),
                        const_name: module_consts.unique(names::const_name(&op.name)),
                        name: op.name,
                        soap_action: op.soap_action,
                        style: op.style,
                        encoded: op.encoded,
                        docs: op.docs,
                        input: message(op.input),
                        output: op.output.map(message),
                        faults,
                        fault_enum,
                    }
                })
                .collect();
            let operations: Vec<Operation> = operations;
            let (operations, header_types) = name_header_types(operations, &trait_name, namer);
            ports.push(Port {
                header_types,
                port_type: port.port_type,
                binding: port.binding,
                trait_name,
                client_name,
                server_name,
                operations_const,
                soap_version: port.soap_version,
                address: port.address,
                docs: port.docs,
                operations,
            });
        }
        ir_modules.push(Module {
            name: input.module.clone(),
            file: input.definitions.file.clone(),
            docs: input
                .definitions
                .docs
                .clone()
                .or_else(|| ports.first().and_then(|p| p.docs.clone())),
            ports,
            reached_types: resolver.owners.iter().filter(|o| o.contains(&doc)).count(),
            wsdl: None,
        });
    }

    let mut ir = Ir {
        types,
        modules: ir_modules,
        namespaces: Vec::new(),
        diagnostics: resolver.diagnostics.into_vec(),
    };
    ir.namespaces = namespace_consts(&ir);
    Ok(ir)
}

fn message(draft: DraftMessage) -> Message {
    let mut fields = Namer::new();
    Message {
        element: draft.element,
        body_type: draft.body_type,
        headers: draft
            .headers
            .into_iter()
            .map(|(part, element, shape)| Header {
                field_name: fields.unique(names::field_name(&part)),
                part,
                element,
                shape,
            })
            .collect(),
        headers_type: None,
    }
}

/// Names the header structs of a port's messages: one per direction when every operation
/// has the same headers, one per message otherwise; messages without headers use `()`.
fn name_header_types(
    mut operations: Vec<Operation>,
    trait_name: &str,
    namer: &mut Namer,
) -> (Vec<Operation>, Vec<HeaderType>) {
    let mut types = Vec::new();
    for request in [true, false] {
        let lists: Vec<Option<Vec<Header>>> = operations
            .iter()
            .map(|op| {
                let message = if request {
                    Some(&op.input)
                } else {
                    op.output.as_ref()
                };
                message.map(|m| m.headers.clone()).filter(|h| !h.is_empty())
            })
            .collect();
        let suffix = if request {
            "RequestHeaders"
        } else {
            "ResponseHeaders"
        };
        let first = lists.first().cloned().flatten();
        if lists.iter().all(|l| *l == first) {
            let Some(headers) = first else { continue };
            let rust_name = namer.unique(format!("{}{suffix}", names::unraw(trait_name)));
            for op in &mut operations {
                let message = if request {
                    Some(&mut op.input)
                } else {
                    op.output.as_mut()
                };
                if let Some(message) = message {
                    message.headers_type = Some(rust_name.clone());
                }
            }
            types.push(HeaderType {
                rust_name,
                request,
                headers,
            });
        } else {
            for (op, headers) in operations.iter_mut().zip(lists) {
                let Some(headers) = headers else { continue };
                let rust_name = namer.unique(format!("{}{suffix}", names::type_name(&op.name)));
                let message = if request {
                    Some(&mut op.input)
                } else {
                    op.output.as_mut()
                };
                if let Some(message) = message {
                    message.headers_type = Some(rust_name.clone());
                }
                types.push(HeaderType {
                    rust_name,
                    request,
                    headers,
                });
            }
        }
    }
    (operations, types)
}

/// The operation trait's name: the port type's, or with `Service` appended when a type the
/// module sees has that name (SuperOffice's `Contact` service and its `Contact` type).
fn trait_name(namer: &mut Namer, port_type: &str) -> String {
    let name = names::type_name(port_type);
    if namer.is_taken(&name) {
        namer.unique(format!("{}Service", names::unraw(&name)))
    } else {
        namer.unique(name)
    }
}

/// Names every type: the shared ones first, in one scope, then each module's own in a scope
/// that starts from the shared names; within a scope, in the order first reached. A flag set
/// also names its flag enum. Returns the names and each module's scope.
fn name_types(
    resolver: &Resolver<'_>,
    homes: &[Home],
    mut common: Namer,
    modules: usize,
) -> (Vec<(String, Option<String>)>, Vec<Namer>) {
    let mut out: Vec<(String, Option<String>)> = vec![(String::new(), None); homes.len()];
    name_home(resolver, homes, Home::Common, &mut common, &mut out);
    let namers = (0..modules)
        .map(|module| {
            let mut namer = common.clone();
            name_home(resolver, homes, Home::Module(module), &mut namer, &mut out);
            namer
        })
        .collect();
    (out, namers)
}

/// Names the types homed in `home` (a type's anonymous parts after the type itself).
fn name_home(
    resolver: &Resolver<'_>,
    homes: &[Home],
    home: Home,
    namer: &mut Namer,
    out: &mut [(String, Option<String>)],
) {
    for (i, key) in resolver.keys.iter().enumerate() {
        if homes[i] != home {
            continue;
        }
        let candidate = match key {
            TypeKey::Type(name) | TypeKey::Element(name) | TypeKey::Message(name) => {
                names::type_name(&name.local)
            }
            TypeKey::Anonymous { parent, field } => {
                let parent_name = out
                    .get(parent.0)
                    .map(|(n, _)| names::unraw(n))
                    .unwrap_or("");
                let field = field.split('#').next().unwrap_or(field);
                format!("{parent_name}{}", names::unraw(&names::type_name(field)))
            }
            TypeKey::Group(name) => {
                let name = names::type_name(&name.local);
                let name = names::unraw(&name);
                if name.ends_with("Group") {
                    name.to_owned()
                } else {
                    format!("{name}Group")
                }
            }
            TypeKey::Substitution(head) => {
                format!("{}Choice", names::unraw(&names::type_name(&head.local)))
            }
            TypeKey::Polymorphic(base) => {
                format!("{}Kind", names::unraw(&names::type_name(&base.local)))
            }
            TypeKey::Rpc {
                operation,
                response,
            } => {
                let op = operation
                    .local
                    .rsplit('/')
                    .next()
                    .unwrap_or(&operation.local);
                let suffix = if *response { "Response" } else { "Request" };
                format!("{}{suffix}", names::unraw(&names::type_name(op)))
            }
        };
        let rust_name = namer.unique(candidate);
        let flag_enum = match resolver.drafts[i].as_ref().map(|d| &d.kind) {
            Some(DraftKind::Flags(_)) => {
                Some(namer.unique(format!("{}Flag", names::unraw(&rust_name))))
            }
            _ => None,
        };
        out[i] = (rust_name, flag_enum);
    }
}

fn homes(resolver: &Resolver<'_>, shared_module: bool) -> Vec<Home> {
    resolver
        .owners
        .iter()
        .map(|owners| match owners.iter().next() {
            Some(first) if !shared_module || owners.len() == 1 => Home::Module(*first),
            Some(_) => Home::Common,
            None => Home::Module(0),
        })
        .collect()
}

fn variants(values: &[(String, Option<i64>, Option<String>)]) -> Vec<Variant> {
    let mut namer = Namer::new();
    namer.reserve(UNKNOWN_VARIANT);
    values
        .iter()
        .map(|(value, numeric_value, docs)| {
            let mut candidate = names::type_name(value);
            if candidate == UNKNOWN_VARIANT {
                candidate = format!("{UNKNOWN_VARIANT}Value");
            }
            Variant {
                rust_name: namer.unique(candidate),
                value: value.clone(),
                numeric_value: *numeric_value,
                docs: docs.clone(),
            }
        })
        .collect()
}

/// Every namespace URI the code refers to, in order of first use, with a constant name.
fn namespace_consts(ir: &Ir) -> Vec<Namespace> {
    let mut uris: Vec<String> = Vec::new();
    let mut add = |uri: &str| {
        if !uri.is_empty() && !uris.iter().any(|u| u == uri) {
            uris.push(uri.to_owned());
        }
    };
    fn shape_uris(shape: &Shape, add: &mut dyn FnMut(&str)) {
        match shape {
            Shape::Nillable(inner) | Shape::Boxed(inner) | Shape::List(inner) => {
                shape_uris(inner, add)
            }
            Shape::Array(array) => {
                add(&array.item.ns);
                shape_uris(&array.item_shape, add);
            }
            Shape::Dictionary(dict) => {
                add(&dict.entry.ns);
                add(&dict.key.ns);
                add(&dict.value.ns);
                shape_uris(&dict.key_shape, add);
                shape_uris(&dict.value_shape, add);
            }
            Shape::Builtin(_) | Shape::Named(_) => {}
        }
    }
    for module in &ir.modules {
        for port in &module.ports {
            for op in &port.operations {
                for message in std::iter::once(&op.input).chain(op.output.as_ref()) {
                    add(&message.element.ns);
                    for header in &message.headers {
                        add(&header.element.ns);
                        shape_uris(&header.shape, &mut add);
                    }
                }
            }
        }
    }
    for ty in &ir.types {
        match &ty.kind {
            TypeKind::Struct(s) => {
                if let Some(element) = &s.element {
                    add(&element.ns);
                }
                for field in &s.fields {
                    if field.kind == FieldKind::Element {
                        add(&field.element.ns);
                    }
                    shape_uris(&field.shape, &mut add);
                }
                for attribute in &s.attributes {
                    add(&attribute.name.ns);
                }
            }
            TypeKind::Choice(c) => {
                for variant in &c.variants {
                    add(&variant.element.ns);
                    shape_uris(&variant.shape, &mut add);
                }
            }
            TypeKind::Polymorphic(p) => {
                for variant in &p.variants {
                    add(&variant.xsi_type.ns);
                }
            }
            TypeKind::Enum(_) | TypeKind::Flags(_) | TypeKind::Alias(_) => {}
        }
    }
    for module in &ir.modules {
        for port in &module.ports {
            for op in &port.operations {
                for fault in &op.faults {
                    add(&fault.element.ns);
                }
            }
        }
    }
    let mut namer = Namer::new();
    uris.into_iter()
        .map(|uri| {
            let segment = uri
                .trim_end_matches(['/', '#'])
                .rsplit(['/', ':', '#'])
                .next()
                .unwrap_or("")
                .to_owned();
            Namespace {
                const_name: namer.unique(names::const_name(&segment)),
                uri,
            }
        })
        .collect()
}
