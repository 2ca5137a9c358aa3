//! XML Schema as the model holds it: elements, attributes, model and attribute groups,
//! complex and simple types, with annotations (documentation and WCF's DataContract appinfo)
//! kept.

mod read;

pub(crate) use read::read_schema;

use crate::model::QName;

/// One `xs:schema`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    /// `targetNamespace`, empty when absent (or the includer's, for a chameleon include).
    pub target_ns: String,
    /// `elementFormDefault="qualified"`.
    pub element_form_qualified: bool,
    /// `attributeFormDefault="qualified"`.
    pub attribute_form_qualified: bool,
    /// Global element declarations.
    pub elements: Vec<Element>,
    /// Named complex types.
    pub complex_types: Vec<ComplexType>,
    /// Named simple types.
    pub simple_types: Vec<SimpleType>,
    /// Global attribute declarations.
    pub attributes: Vec<Attribute>,
    /// Named model groups (`xs:group name=…`).
    pub groups: Vec<GroupDef>,
    /// Named attribute groups.
    pub attribute_groups: Vec<AttributeGroupDef>,
    /// `xs:import`s.
    pub imports: Vec<Import>,
    /// `xs:include`s.
    pub includes: Vec<Include>,
    /// The file the schema was read from.
    pub file: String,
    /// Element path of the schema.
    pub path: String,
}

/// An `xs:import`.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The imported namespace.
    pub namespace: Option<String>,
    /// `schemaLocation`.
    pub location: Option<String>,
    /// Element path.
    pub path: String,
}

/// An `xs:include`.
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    /// `schemaLocation`.
    pub location: String,
    /// Element path.
    pub path: String,
}

/// `maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// A number.
    Bounded(u32),
    /// `unbounded`.
    Unbounded,
}

impl MaxOccurs {
    /// Whether more than one occurrence is allowed.
    pub fn is_many(self) -> bool {
        !matches!(self, MaxOccurs::Bounded(0 | 1))
    }
}

/// An element declaration or reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// `name` (absent for a `ref`).
    pub name: Option<String>,
    /// `ref`.
    pub reference: Option<QName>,
    /// `type`.
    pub type_name: Option<QName>,
    /// An anonymous type declared inside the element.
    pub inline: Option<InlineType>,
    /// `minOccurs` (default 1).
    pub min_occurs: u32,
    /// `maxOccurs` (default 1).
    pub max_occurs: MaxOccurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// `abstract="true"` (only substitution group members may appear).
    pub is_abstract: bool,
    /// `substitutionGroup`: the head element this one may replace.
    pub substitution_group: Option<QName>,
    /// `default`.
    pub default: Option<String>,
    /// `fixed`.
    pub fixed: Option<String>,
    /// `form`: `Some(true)` for qualified.
    pub form_qualified: Option<bool>,
    /// Documentation.
    pub docs: Option<String>,
    /// Element path.
    pub path: String,
}

/// An anonymous type.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineType {
    /// `xs:complexType` without a name.
    Complex(Box<ComplexType>),
    /// `xs:simpleType` without a name.
    Simple(Box<SimpleType>),
}

/// An `xs:complexType`.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplexType {
    /// `name` (absent for an anonymous type).
    pub name: Option<String>,
    /// WCF's `IsDictionary` appinfo is `true`.
    pub is_dictionary: bool,
    /// `mixed="true"` (on the type or its complex content).
    pub mixed: bool,
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// The content model.
    pub content: ComplexContent,
    /// Attributes declared here (for a derived type: those the derivation adds).
    pub attributes: Vec<AttributeItem>,
    /// `xs:anyAttribute` is present.
    pub any_attribute: bool,
    /// Documentation.
    pub docs: Option<String>,
    /// Element path.
    pub path: String,
}

/// What a complex type contains.
#[derive(Debug, Clone, PartialEq)]
pub enum ComplexContent {
    /// Nothing.
    Empty,
    /// A model group.
    Group(Group),
    /// `xs:complexContent/xs:extension`: the base's content, then `group`.
    Extension {
        /// The base type.
        base: QName,
        /// Content added to the base's.
        group: Option<Group>,
        /// Element path of the extension.
        path: String,
    },
    /// `xs:complexContent/xs:restriction`: the content is `group` alone.
    Restriction {
        /// The base type.
        base: QName,
        /// The restricted content.
        group: Option<Group>,
        /// Element path of the restriction.
        path: String,
    },
    /// `xs:simpleContent` (extension or restriction): text of a simple type, plus attributes.
    Simple {
        /// The base type (simple, or complex with simple content).
        base: QName,
        /// Element path.
        path: String,
    },
}

/// `xs:sequence`, `xs:choice` or `xs:all`.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Which compositor.
    pub kind: GroupKind,
    /// `minOccurs` of the group.
    pub min_occurs: u32,
    /// `maxOccurs` of the group.
    pub max_occurs: MaxOccurs,
    /// The particles, in order.
    pub particles: Vec<Particle>,
    /// Element path.
    pub path: String,
}

/// A compositor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// `xs:sequence`.
    Sequence,
    /// `xs:choice`.
    Choice,
    /// `xs:all`.
    All,
}

/// A particle of a model group.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // Read once per document; boxing buys nothing here.
pub enum Particle {
    /// An element.
    Element(Element),
    /// A nested group.
    Group(Group),
    /// `xs:group ref=…`.
    GroupRef {
        /// The named group.
        name: QName,
        /// `minOccurs` of the reference.
        min_occurs: u32,
        /// `maxOccurs` of the reference.
        max_occurs: MaxOccurs,
        /// Element path.
        path: String,
    },
    /// `xs:any`.
    Any {
        /// `minOccurs`.
        min_occurs: u32,
        /// `maxOccurs`.
        max_occurs: MaxOccurs,
        /// Element path.
        path: String,
    },
}

/// A named model group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDef {
    /// `name`.
    pub name: String,
    /// Its compositor and particles.
    pub group: Group,
}

/// An attribute declaration or reference inside a type or attribute group.
#[derive(Debug, Clone, PartialEq)]
pub enum AttributeItem {
    /// `xs:attribute`.
    Attribute(AttributeUse),
    /// `xs:attributeGroup ref=…`.
    GroupRef {
        /// The named attribute group.
        name: QName,
        /// Element path.
        path: String,
    },
}

/// An `xs:attribute` inside a type.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeUse {
    /// `name` (absent for a `ref`).
    pub name: Option<String>,
    /// `ref`.
    pub reference: Option<QName>,
    /// `type`.
    pub type_name: Option<QName>,
    /// An anonymous simple type.
    pub inline: Option<Box<SimpleType>>,
    /// `use="required"`.
    pub required: bool,
    /// `use="prohibited"`.
    pub prohibited: bool,
    /// `default`.
    pub default: Option<String>,
    /// `fixed`.
    pub fixed: Option<String>,
    /// `form`: `Some(true)` for qualified.
    pub form_qualified: Option<bool>,
    /// `wsdl:arrayType` (on a `soapenc:arrayType` reference in a `soapenc:Array`
    /// restriction): the item type and the brackets after it (`[]` for one dimension).
    pub array_type: Option<Box<(QName, String)>>,
    /// Documentation.
    pub docs: Option<String>,
    /// Element path.
    pub path: String,
}

/// A named attribute group.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeGroupDef {
    /// `name`.
    pub name: String,
    /// Its attributes.
    pub attributes: Vec<AttributeItem>,
    /// `xs:anyAttribute` is present.
    pub any_attribute: bool,
    /// Element path.
    pub path: String,
}

/// An `xs:simpleType`.
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleType {
    /// `name` (absent for an anonymous type).
    pub name: Option<String>,
    /// Restriction, list or union.
    pub content: SimpleContent,
    /// Documentation.
    pub docs: Option<String>,
    /// Element path.
    pub path: String,
}

/// What a simple type is.
#[derive(Debug, Clone, PartialEq)]
pub enum SimpleContent {
    /// `xs:restriction`; facets other than enumerations are accepted and not enforced.
    Restriction {
        /// `base`.
        base: Option<QName>,
        /// An anonymous base type.
        inline_base: Option<Box<SimpleType>>,
        /// The enumerated values, in order.
        enumerations: Vec<Enumeration>,
    },
    /// `xs:list`.
    List {
        /// `itemType`.
        item_type: Option<QName>,
        /// An anonymous item type.
        inline_item: Option<Box<SimpleType>>,
    },
    /// `xs:union`.
    Union {
        /// `memberTypes`.
        member_types: Vec<QName>,
        /// Anonymous member types.
        inline_members: Vec<SimpleType>,
    },
}

/// One `xs:enumeration`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeration {
    /// The lexical value.
    pub value: String,
    /// WCF's `EnumerationValue` appinfo: the number behind the name.
    pub numeric_value: Option<i64>,
    /// Documentation.
    pub docs: Option<String>,
}

/// A global `xs:attribute` declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// `name`.
    pub name: String,
    /// `type`.
    pub type_name: Option<QName>,
    /// An anonymous simple type.
    pub inline: Option<Box<SimpleType>>,
    /// `default`.
    pub default: Option<String>,
    /// `fixed`.
    pub fixed: Option<String>,
    /// Element path.
    pub path: String,
}
