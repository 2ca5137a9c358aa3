//! Decoders of structs: `read_content` takes fields in any order, skips unknown elements (or
//! keeps them for `xs:any`) and reports duplicates and missing required elements and
//! attributes with the element path; a group struct's `read_group` takes its elements in
//! schema order from among its holder's children, and stops at the first that does not
//! continue the occurrence.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::is_wildcard;
use super::{Ctx, collapse_nillable, ident};
use crate::ir::{AttributeField, Field, FieldKind, Occurs, Shape, Struct, TypeId, TypeKind};

/// How a decoder takes the elements of its fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// In any order, each field once unless repeated (an element's content).
    Any,
    /// In schema order, from among the holder's children (a group occurrence): an element
    /// that goes back, or repeats one that occurs once, ends the occurrence.
    Schema,
}

/// The pieces of a decoder's loop over children.
struct Loop {
    slots: Vec<TokenStream>,
    arms: Vec<TokenStream>,
    fallback: TokenStream,
    values: Vec<TokenStream>,
    /// Some field reads a group, which hands back the child after it: the loop keeps that
    /// child in `next` instead of always asking for the next one.
    reads_groups: bool,
}

impl Ctx<'_> {
    /// Reads one occurrence of an element field: its shape, or its default when present
    /// but empty.
    fn read_element_value(&self, field: &Field, shape: &Shape) -> TokenStream {
        let default = field.default.as_deref();
        match (default, shape) {
            (Some(default), Shape::Builtin(_) | Shape::Named(_)) => {
                let ty = self.shape_type(shape);
                quote!(__rt::read_or_default::<#ty>(r, #default))
            }
            (Some(default), Shape::Nillable(inner))
                if matches!(inner.as_ref(), Shape::Builtin(_) | Shape::Named(_)) =>
            {
                let ty = self.shape_type(inner);
                quote!(__rt::read_nillable_with(r, |r| __rt::read_or_default::<#ty>(r, #default)))
            }
            _ => self.read_shape(shape),
        }
    }

    fn read_attributes(&self, s: &Struct) -> (TokenStream, Vec<TokenStream>) {
        if s.attributes.is_empty() && !s.any_attribute {
            return (quote!(), Vec::new());
        }
        let slot = |a: &AttributeField| ident(&format!("a_{}", crate::names::unraw(&a.rust_name)));
        let slots = s.attributes.iter().map(|a| {
            let slot = slot(a);
            quote!(let mut #slot = __rt::None;)
        });
        let arms = s.attributes.iter().map(|a| {
            let slot = slot(a);
            let ns = self.ns(&a.name.ns);
            let local = &a.name.local;
            let ty = self.shape_type(&a.shape);
            let ns_test = if a.name.ns.is_empty() {
                quote!(ns.is_empty())
            } else {
                quote!(ns == #ns)
            };
            quote! {
                if local == #local && #ns_test {
                    #slot = __rt::Some(__rt::parse_attribute::<#ty>(r, #local, &value)?);
                }
            }
        });
        // An `if` chain, not a `match`: the namespace is compared with constants.
        let other = s.any_attribute.then(|| {
            let field = ident(&format!("f_{}", self.other_attributes_name(s)));
            quote! {
                if ns != __rt::XSI_NS {
                    #field.push(__rt::AnyAttribute {
                        name: __rt::QName::new(ns, local),
                        value: value.into_owned(),
                    });
                }
            }
        });
        let chain = arms.chain(other);
        let other_slot = s.any_attribute.then(|| {
            let field = ident(&format!("f_{}", self.other_attributes_name(s)));
            quote!(let mut #field = __rt::Vec::new();)
        });
        let values = s
            .attributes
            .iter()
            .map(|a| {
                let field = ident(&a.rust_name);
                let slot = slot(a);
                let local = &a.name.local;
                let ty = self.shape_type(&a.shape);
                let value = match (&a.default, a.required) {
                    (Some(default), _) => quote! {
                        match #slot {
                            __rt::Some(value) => value,
                            __rt::None => __rt::parse_attribute::<#ty>(r, #local, #default)?,
                        }
                    },
                    (None, true) => quote!(__rt::required_attribute(r, #slot, #local)?),
                    (None, false) => quote!(#slot),
                };
                quote!(#field: #value,)
            })
            .chain(s.any_attribute.then(|| {
                let field = ident(&self.other_attributes_name(s));
                let slot = ident(&format!("f_{}", self.other_attributes_name(s)));
                quote!(#field: #slot,)
            }))
            .collect();
        let read = quote! {
            #(#slots)*
            #other_slot
            for (ns, local, value) in r.attributes()? {
                #(#chain)else*
            }
        };
        (read, values)
    }

    /// The body of a struct's `read_content`.
    pub(super) fn read_fields(&self, s: &Struct) -> TokenStream {
        let (read_attributes, attribute_values) = self.read_attributes(s);
        if let Some(text) = &s.text {
            let field = ident(&self.text_field_name(s));
            let ty = self.shape_type(text);
            return quote! {
                #read_attributes
                let #field = <#ty as __rt::XmlType>::read_content(r)?;
                __rt::Ok(Self {
                    #(#attribute_values)*
                    #field,
                })
            };
        }
        if s.fields.is_empty() {
            return quote! {
                #read_attributes
                while r.next_child()?.is_some() {
                    r.skip()?;
                }
                __rt::Ok(Self { #(#attribute_values)* })
            };
        }
        let Loop {
            slots,
            arms,
            fallback,
            values,
            reads_groups,
        } = self.field_loop(s, Order::Any);
        let read_children = if reads_groups {
            quote! {
                let mut next = r.next_child()?;
                while let __rt::Some(child) = next {
                    match child.local_name {
                        #(#arms)*
                        #fallback
                    }
                    next = r.next_child()?;
                }
            }
        } else {
            quote! {
                while let __rt::Some(child) = r.next_child()? {
                    match child.local_name {
                        #(#arms)*
                        #fallback
                    }
                }
            }
        };
        quote! {
            #read_attributes
            #(#slots)*
            #read_children
            __rt::Ok(Self {
                #(#attribute_values)*
                #(#values)*
            })
        }
    }

    /// The `XmlGroup` implementation of a group struct.
    pub(super) fn group_codec(&self, id: TypeId, s: &Struct) -> TokenStream {
        let name = self.type_ident(id);
        if s.fields.is_empty() {
            // Only the stand-in for a group left out in lenient mode has no fields.
            return quote! {
                impl __rt::XmlGroup for #name {
                    fn accepts(_: &__rt::XmlReader<'_>, _: __rt::Child<'_>) -> bool {
                        false
                    }

                    fn read_group<'a>(
                        _: &mut __rt::XmlReader<'a>,
                        first: __rt::Child<'a>,
                    ) -> ::core::result::Result<(Self, ::core::option::Option<__rt::Child<'a>>), __rt::DecodeError> {
                        __rt::Ok((Self {}, __rt::Some(first)))
                    }
                }
            };
        }
        let tests = s.fields.iter().map(|field| self.accepts(field));
        let Loop {
            slots,
            arms,
            fallback,
            values,
            ..
        } = self.field_loop(s, Order::Schema);
        quote! {
            impl __rt::XmlGroup for #name {
                fn accepts(r: &__rt::XmlReader<'_>, child: __rt::Child<'_>) -> bool {
                    #(#tests)||*
                }

                fn read_group<'a>(
                    r: &mut __rt::XmlReader<'a>,
                    first: __rt::Child<'a>,
                ) -> ::core::result::Result<(Self, ::core::option::Option<__rt::Child<'a>>), __rt::DecodeError> {
                    #(#slots)*
                    let mut last = 0usize;
                    let mut next = __rt::Some(first);
                    while let __rt::Some(child) = next {
                        match child.local_name {
                            #(#arms)*
                            #fallback
                        }
                        next = r.next_child()?;
                    }
                    let value = Self {
                        #(#values)*
                    };
                    __rt::Ok((value, next))
                }
            }
        }
    }

    /// An expression: whether `child` is an element of `field`.
    fn accepts(&self, field: &Field) -> TokenStream {
        let is_named = |ns: &str, local: &str| {
            let ns = self.ns(ns);
            quote!((child.local_name == #local && r.is_ns(child.ns, #ns)))
        };
        match field.kind {
            FieldKind::Element => is_named(&field.element.ns, &field.element.local),
            FieldKind::Group => {
                let ty = self.shape_type(&field.shape);
                quote!(<#ty as __rt::XmlGroup>::accepts(r, child))
            }
            FieldKind::Choice => {
                let Some((choice_id, _)) = choice_of(&field.shape) else {
                    return quote!(false);
                };
                let TypeKind::Choice(choice) = &self.ir.get(choice_id).kind else {
                    return quote!(false);
                };
                let tests =
                    choice
                        .variants
                        .iter()
                        .map(|variant| match self.group_of(&variant.shape) {
                            Some(group) => {
                                let ty = self.type_ident(group);
                                quote!(<#ty as __rt::XmlGroup>::accepts(r, child))
                            }
                            None => is_named(&variant.element.ns, &variant.element.local),
                        });
                quote!(#(#tests)||*)
            }
            // Refused inside groups by the resolver.
            FieldKind::Any => quote!(false),
        }
    }

    /// The group struct `shape` holds, if it is one.
    pub(super) fn group_of(&self, shape: &Shape) -> Option<TypeId> {
        match shape {
            Shape::Named(id) => match &self.ir.get(*id).kind {
                TypeKind::Struct(s) if s.group => Some(*id),
                _ => None,
            },
            _ => None,
        }
    }

    /// The slots, match arms and final values of a decoder's loop over children.
    fn field_loop(&self, s: &Struct, order: Order) -> Loop {
        let slot = |name: &str| ident(&format!("f_{}", crate::names::unraw(name)));
        let slots = s
            .fields
            .iter()
            .map(|field| {
                let slot = slot(&field.rust_name);
                match field.occurs {
                    Occurs::Repeated { .. } => quote!(let mut #slot = __rt::Vec::new();),
                    _ => quote!(let mut #slot = __rt::None;),
                }
            })
            .collect();
        let mut arms = Vec::new();
        let mut fallback = match order {
            Order::Any => quote!(_ => r.skip()?,),
            Order::Schema => quote!(_ => break,),
        };
        let mut reads_groups = false;
        for (position, field) in s.fields.iter().enumerate() {
            let slot = slot(&field.rust_name);
            let repeated = matches!(field.occurs, Occurs::Repeated { .. });
            // In schema order, an element continues the occurrence only if it does not go
            // back in the group, and does not repeat an element that occurs once.
            let (guard, mark) = match order {
                Order::Any => (quote!(), quote!()),
                Order::Schema => {
                    let back = if position == 0 {
                        quote!(&&last == 0)
                    } else {
                        let position = proc_macro2::Literal::usize_unsuffixed(position);
                        quote!(&& last <= #position)
                    };
                    let position = proc_macro2::Literal::usize_unsuffixed(position);
                    let once = (!repeated).then(|| quote!(&& #slot.is_none()));
                    (quote!(#back #once), quote!(last = #position;))
                }
            };
            // Stores `value`, one occurrence, in the slot.
            let store = |value: TokenStream| {
                if repeated {
                    quote!(#slot.push(#value))
                } else {
                    quote!(__rt::fill(r, &mut #slot, |r| __rt::Ok(#value))?)
                }
            };
            // Reads an occurrence of group `ty` as `wrap(value)`, then goes on from the
            // child after it.
            let read_group = |ty: TokenStream, wrap: &dyn Fn(TokenStream) -> TokenStream| {
                let value = wrap(quote!(value));
                let read = if repeated {
                    quote! {
                        let (value, after) = <#ty as __rt::XmlGroup>::read_group(r, child)?;
                        #slot.push(#value);
                        next = after;
                    }
                } else {
                    // `fill` checks for a duplicate before reading, so that one is reported
                    // at its first element.
                    quote! {
                        __rt::fill(r, &mut #slot, |r| {
                            let (value, after) = <#ty as __rt::XmlGroup>::read_group(r, child)?;
                            next = after;
                            __rt::Ok(#value)
                        })?;
                    }
                };
                quote! {
                    _ if <#ty as __rt::XmlGroup>::accepts(r, child) #guard => {
                        #read
                        #mark
                        continue;
                    }
                }
            };
            match field.kind {
                FieldKind::Element => {
                    let ns = self.ns(&field.element.ns);
                    let local = &field.element.local;
                    let read = match field.occurs {
                        Occurs::Required if field.default.is_none() && is_simple(&field.shape) => {
                            quote!(__rt::fill_value(r, &mut #slot)?)
                        }
                        Occurs::Required => {
                            let read = self.read_element_value(field, &field.shape);
                            quote!(__rt::fill(r, &mut #slot, |r| #read)?)
                        }
                        Occurs::Optional
                            if field.default.is_none()
                                && is_simple(collapse_nillable(&field.shape)) =>
                        {
                            quote!(__rt::fill_nillable(r, &mut #slot)?)
                        }
                        Occurs::Optional => {
                            let shape =
                                Shape::Nillable(Box::new(collapse_nillable(&field.shape).clone()));
                            let read = self.read_element_value(field, &shape);
                            quote!(__rt::fill(r, &mut #slot, |r| #read)?)
                        }
                        Occurs::Repeated { .. } => {
                            let read = self.read_element_value(field, &field.shape);
                            quote!(#slot.push(#read?))
                        }
                    };
                    let test = match (&s.element, s.rpc_wrapper && field.element.ns.is_empty()) {
                        (Some(wrapper), true) if !wrapper.ns.is_empty() => {
                            let wrapper_ns = self.ns(&wrapper.ns);
                            quote!((r.is_ns(child.ns, #ns) || r.is_ns(child.ns, #wrapper_ns)))
                        }
                        _ => quote!(r.is_ns(child.ns, #ns)),
                    };
                    arms.push(match order {
                        Order::Any => quote!(#local if #test => #read,),
                        Order::Schema => quote! {
                            #local if #test #guard => {
                                #read;
                                #mark
                            }
                        },
                    });
                }
                FieldKind::Group => {
                    reads_groups = true;
                    let ty = self.shape_type(&field.shape);
                    arms.push(read_group(ty, &|value| value));
                }
                FieldKind::Choice => {
                    let Some((choice_id, boxed)) = choice_of(&field.shape) else {
                        continue;
                    };
                    let TypeKind::Choice(choice) = &self.ir.get(choice_id).kind else {
                        continue;
                    };
                    let choice_type = self.type_ident(choice_id);
                    let wrap = |name: &proc_macro2::Ident, value: TokenStream| {
                        let value = quote!(#choice_type::#name(#value));
                        if boxed {
                            quote!(__rt::Box::new(#value))
                        } else {
                            value
                        }
                    };
                    for variant in choice.variants.iter().filter(|v| is_wildcard(v)) {
                        let name = ident(&variant.rust_name);
                        let value = wrap(&name, quote!(__rt::AnyElement::read_current(r, child)?));
                        fallback = match field.occurs {
                            Occurs::Repeated { .. } => quote!(_ => #slot.push(#value),),
                            _ => quote! {
                                _ => {
                                    let value = #value;
                                    __rt::fill(r, &mut #slot, |_| __rt::Ok(value))?;
                                }
                            },
                        };
                    }
                    for variant in choice.variants.iter().filter(|v| !is_wildcard(v)) {
                        let name = ident(&variant.rust_name);
                        if let Some(group) = self.group_of(&variant.shape) {
                            reads_groups = true;
                            let ty = self.type_ident(group);
                            arms.push(read_group(quote!(#ty), &|value| wrap(&name, value)));
                            continue;
                        }
                        let ns = self.ns(&variant.element.ns);
                        let local = &variant.element.local;
                        let read = self.read_shape(&variant.shape);
                        let read = store(wrap(&name, quote!(#read?)));
                        arms.push(match order {
                            Order::Any => quote!(#local if r.is_ns(child.ns, #ns) => #read,),
                            Order::Schema => quote! {
                                #local if r.is_ns(child.ns, #ns) #guard => {
                                    #read;
                                    #mark
                                }
                            },
                        });
                    }
                }
                FieldKind::Any => {
                    fallback = match field.occurs {
                        Occurs::Repeated { .. } => {
                            quote!(_ => #slot.push(__rt::AnyElement::read_current(r, child)?),)
                        }
                        _ => quote! {
                            _ if #slot.is_none() => #slot = __rt::Some(__rt::AnyElement::read_current(r, child)?),
                            _ => r.skip()?,
                        },
                    };
                }
            }
        }
        let values = s
            .fields
            .iter()
            .map(|field| {
                let name = ident(&field.rust_name);
                let slot = slot(&field.rust_name);
                let local = match field.kind {
                    FieldKind::Choice => field.rust_name.as_str(),
                    _ => field.element.local.as_str(),
                };
                let value = match (field.occurs, &field.kind) {
                    (Occurs::Required, _) => quote!(__rt::required(r, #slot, #local)?),
                    (Occurs::Optional, FieldKind::Element) => quote!(#slot.flatten()),
                    (Occurs::Optional, _) => quote!(#slot),
                    (Occurs::Repeated { min, max }, _) => {
                        let max = match max {
                            Some(max) => quote!(__rt::Some(#max)),
                            None => quote!(__rt::None),
                        };
                        quote!(__rt::occurrences(r, #slot, #min, #max, #local)?)
                    }
                };
                quote!(#name: #value,)
            })
            .collect();
        Loop {
            slots,
            arms,
            fallback,
            values,
            reads_groups,
        }
    }
}

/// Whether one occurrence of `shape` is read and written by its type alone, with no code of
/// its own around it (no nil, array or dictionary wrapping, no box).
pub(super) fn is_simple(shape: &Shape) -> bool {
    matches!(shape, Shape::Builtin(_) | Shape::Named(_) | Shape::List(_))
}

/// The choice type a choice field holds, and whether it is boxed (to break a recursion).
pub(super) fn choice_of(shape: &Shape) -> Option<(TypeId, bool)> {
    match collapse_nillable(shape) {
        Shape::Named(id) => Some((*id, false)),
        Shape::Boxed(inner) => match inner.as_ref() {
            Shape::Named(id) => Some((*id, true)),
            _ => None,
        },
        _ => None,
    }
}
