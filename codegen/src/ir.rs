//! The IR: the Rust that will exist, independent of XML syntax. Structs with ordered fields,
//! enumerations, flag sets, the shapes of fields (arrays, dictionaries, nillable values),
//! and ports with their operations. Every Rust name is final here.

/// Index of a type in [`Ir::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// Everything to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    /// All types, in the order they were first reached.
    pub types: Vec<TypeDef>,
    /// One module per input document.
    pub modules: Vec<Module>,
    /// Namespace URIs with the constant names they are emitted under.
    pub namespaces: Vec<Namespace>,
    /// Warnings, and the unsupported constructs lenient mode left out or kept as raw XML.
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
}

/// A namespace URI constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    /// The URI.
    pub uri: String,
    /// The constant's name.
    pub const_name: String,
}

/// Where a type is emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Home {
    /// The shared module, because several documents define the same type.
    Common,
    /// The module of the document with this index.
    Module(usize),
}

/// A type to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Where it comes from, for documentation (`{ns}name` or an element path).
    pub origin: String,
    /// The Rust name.
    pub rust_name: String,
    /// The module it is emitted in.
    pub home: Home,
    /// The schema type's name, for a named type (written as `xsi:type` when encoded).
    pub schema_name: Option<ElementName>,
    /// Documentation.
    pub docs: Option<String>,
    /// What it is.
    pub kind: TypeKind,
}

/// The kinds of emitted types.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A struct of fields.
    Struct(Struct),
    /// An enumeration with an `Unknown(String)` variant.
    Enum(Enumeration),
    /// A flag enumeration and the `FlagSet` alias over it.
    Flags(Flags),
    /// A choice between elements (`xs:choice`, or a substitution group).
    Choice(Choice),
    /// A type and the types derived from it by extension, told apart by `xsi:type`.
    Polymorphic(Polymorphic),
    /// Another name for a shape (`xs:union` as text, `xs:list` of a simple type).
    Alias(Shape),
}

/// One of several elements.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The alternatives.
    pub variants: Vec<ChoiceVariant>,
}

/// An alternative of a [`Choice`].
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceVariant {
    /// The Rust name.
    pub rust_name: String,
    /// The element.
    pub element: ElementName,
    /// What it holds.
    pub shape: Shape,
    /// The schema type, for documentation.
    pub schema_type: String,
}

/// A base type and its extensions, read and written with `xsi:type`.
#[derive(Debug, Clone, PartialEq)]
pub struct Polymorphic {
    /// The base type; a variant unless abstract.
    pub base: TypeId,
    /// The concrete types: the base (when not abstract) and every extension.
    pub variants: Vec<PolymorphicVariant>,
}

/// One concrete type of a [`Polymorphic`].
#[derive(Debug, Clone, PartialEq)]
pub struct PolymorphicVariant {
    /// The Rust name.
    pub rust_name: String,
    /// The struct.
    pub type_id: TypeId,
    /// The schema type's name, as `xsi:type` gives it.
    pub xsi_type: ElementName,
}

/// An XML element name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElementName {
    /// Namespace URI; empty when unqualified.
    pub ns: String,
    /// Local name.
    pub local: String,
}

/// A struct: a complex type's fields, base type fields first.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Fields in schema order.
    pub fields: Vec<Field>,
    /// Attributes, base type attributes first.
    pub attributes: Vec<AttributeField>,
    /// The text content of a `simpleContent` type.
    pub text: Option<Shape>,
    /// `xs:anyAttribute`: other attributes are kept.
    pub any_attribute: bool,
    /// Mixed content: everything is kept as raw XML instead of fields.
    pub mixed: bool,
    /// The base type, for `complexContent/extension`; its fields come first in `fields`.
    pub base: Option<TypeId>,
    /// The global element this type is the anonymous type of (an operation wrapper).
    pub element: Option<ElementName>,
    /// A model group (a repeated `xs:sequence`, or one alternative of an `xs:choice`): its
    /// fields sit inline among the children of the element holding it, in schema order.
    pub group: bool,
    /// An rpc wrapper: its part accessors are unqualified, and read also in the wrapper's
    /// namespace, as node `soap` writes them.
    pub rpc_wrapper: bool,
}

/// What a field stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// An element (`element` names it).
    Element,
    /// A choice between elements (the shape is the `Choice` type).
    Choice,
    /// `xs:any`: elements no other field takes, kept as raw XML.
    Any,
    /// A repeated model group (the shape is its group struct): its elements sit inline.
    Group,
}

/// An attribute of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeField {
    /// The Rust name.
    pub rust_name: String,
    /// The attribute's name.
    pub name: ElementName,
    /// Its (simple) type.
    pub shape: Shape,
    /// `use="required"`.
    pub required: bool,
    /// The `default` or `fixed` value, used when the attribute is absent.
    pub default: Option<String>,
    /// The schema type, for documentation.
    pub schema_type: String,
    /// Documentation.
    pub docs: Option<String>,
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust name.
    pub rust_name: String,
    /// Element, choice or wildcard.
    pub kind: FieldKind,
    /// The `default` or `fixed` value of the element, used when it is present but empty.
    pub default: Option<String>,
    /// The element carrying the field.
    pub element: ElementName,
    /// How often it occurs.
    pub occurs: Occurs,
    /// What one occurrence holds.
    pub shape: Shape,
    /// The schema type, for documentation (such as `xs:int`).
    pub schema_type: String,
    /// Documentation.
    pub docs: Option<String>,
}

/// How often an element occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Occurs {
    /// Exactly once.
    Required,
    /// At most once (`minOccurs="0"`).
    Optional,
    /// Several times (`maxOccurs` above 1).
    Repeated {
        /// `minOccurs`.
        min: u32,
        /// `maxOccurs`; `None` for unbounded.
        max: Option<u32>,
    },
}

/// What one element holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A built-in type.
    Builtin(Builtin),
    /// A generated type.
    Named(TypeId),
    /// `nillable="true"`: `Option<inner>`, `None` written as `xsi:nil`.
    Nillable(Box<Shape>),
    /// An `ArrayOfX` wrapper: `Vec<item>`.
    Array(Box<Array>),
    /// A DataContract dictionary: `Vec<(key, value)>`.
    Dictionary(Box<Dictionary>),
    /// A recursive reference: `Box<inner>`.
    Boxed(Box<Shape>),
    /// `xs:list` of a simple type: space-separated items, `List<item>`.
    List(Box<Shape>),
}

/// The items of an array wrapper.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Array {
    /// The item element.
    pub item: ElementName,
    /// What an item holds.
    pub item_shape: Shape,
    /// For a `soapenc:Array`, the items' schema type, written in `soapenc:arrayType`; its
    /// items are read whatever their names.
    pub encoded_item_type: Option<ElementName>,
}

/// The entries of a dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dictionary {
    /// The entry element.
    pub entry: ElementName,
    /// The key element inside an entry.
    pub key: ElementName,
    /// What a key holds (never nillable: .NET dictionary keys cannot be null).
    pub key_shape: Shape,
    /// The value element inside an entry.
    pub value: ElementName,
    /// What a value holds.
    pub value_shape: Shape,
}

/// XML Schema built-in types and the WCF serialization types mapped like them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `xs:string` and types derived from it by restriction.
    String,
    /// `xs:anyURI`.
    AnyUri,
    /// `xs:boolean`.
    Boolean,
    /// `xs:byte`.
    I8,
    /// `xs:short`.
    I16,
    /// `xs:int`.
    I32,
    /// `xs:long`.
    I64,
    /// `xs:unsignedByte`.
    U8,
    /// `xs:unsignedShort`.
    U16,
    /// `xs:unsignedInt`.
    U32,
    /// `xs:unsignedLong`.
    U64,
    /// `xs:float`.
    F32,
    /// `xs:double`.
    F64,
    /// `xs:decimal`.
    Decimal,
    /// `xs:dateTime`.
    DateTime,
    /// `xs:duration` and `ser:duration`.
    Duration,
    /// `xs:base64Binary`.
    Bytes,
    /// `ser:guid`.
    Uuid,
    /// `ser:char`.
    Char,
    /// `xs:QName`.
    QName,
    /// `xs:anyType`.
    AnyType,
    /// An element matched by `xs:any`.
    AnyElement,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeration {
    /// The listed values.
    pub variants: Vec<Variant>,
    /// The name of the variant that keeps unlisted values.
    pub unknown_variant: String,
}

/// One value of an enumeration or flag set.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The Rust name.
    pub rust_name: String,
    /// The lexical value.
    pub value: String,
    /// WCF's number for it, when the schema gives one.
    pub numeric_value: Option<i64>,
    /// Documentation.
    pub docs: Option<String>,
}

/// A flag set (`xs:list` of an anonymous enumeration).
#[derive(Debug, Clone, PartialEq)]
pub struct Flags {
    /// Name of the flag enumeration (the set itself is `FlagSet<flag_enum>`).
    pub flag_enum: String,
    /// The flags in declaration order.
    pub variants: Vec<Variant>,
}

/// The generated module of one input document.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The Rust module name.
    pub name: String,
    /// The document it comes from.
    pub file: String,
    /// Documentation.
    pub docs: Option<String>,
    /// Ports (one per SOAP binding).
    pub ports: Vec<Port>,
    /// How many types this document's operations reach (shared ones included).
    pub reached_types: usize,
    /// The WSDL's text, when it is the whole service description: one document, importing
    /// nothing, in UTF-8. What a server embeds to answer `?wsdl`.
    pub wsdl: Option<String>,
}

/// A SOAP version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapVersion {
    /// SOAP 1.1.
    Soap11,
    /// SOAP 1.2.
    Soap12,
}

/// An operation style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `document`.
    Document,
    /// `rpc`.
    Rpc,
}

/// A port type as bound by one SOAP binding.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// The port type's name.
    pub port_type: String,
    /// The binding's name.
    pub binding: String,
    /// The operation trait's Rust name.
    pub trait_name: String,
    /// The client struct's Rust name.
    pub client_name: String,
    /// The server adapter's Rust name.
    pub server_name: String,
    /// The constant listing the operations' metadata.
    pub operations_const: String,
    /// SOAP version of the binding.
    pub soap_version: SoapVersion,
    /// The address of a `wsdl:port` using the binding.
    pub address: Option<String>,
    /// Documentation.
    pub docs: Option<String>,
    /// Operations in binding order.
    pub operations: Vec<Operation>,
    /// The SOAP header structs of this port's messages.
    pub header_types: Vec<HeaderType>,
}

/// A struct of the SOAP headers of one or more messages.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderType {
    /// The Rust name.
    pub rust_name: String,
    /// Whether these are request headers (else response headers).
    pub request: bool,
    /// The header parts.
    pub headers: Vec<Header>,
}

/// One operation of a port.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The WSDL name.
    pub name: String,
    /// The method name.
    pub method_name: String,
    /// The metadata constant's name.
    pub const_name: String,
    /// `soapAction` (may be empty).
    pub soap_action: String,
    /// Style.
    pub style: Style,
    /// `use="encoded"`: messages in SOAP section 5 encoding.
    pub encoded: bool,
    /// Documentation.
    pub docs: Option<String>,
    /// The request.
    pub input: Message,
    /// The response; `None` for a one-way operation.
    pub output: Option<Message>,
    /// The typed faults (`wsdl:fault`).
    pub faults: Vec<OperationFault>,
    /// The enum of the typed faults, when there are any.
    pub fault_enum: Option<String>,
}

/// A typed fault of an operation: the detail element it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationFault {
    /// The fault's name in the WSDL.
    pub name: String,
    /// The variant's Rust name.
    pub rust_name: String,
    /// The detail element.
    pub element: ElementName,
    /// The detail element's type.
    pub type_id: TypeId,
}

/// A request or response: the body element and the headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The body element.
    pub element: ElementName,
    /// The type of the body element.
    pub body_type: TypeId,
    /// SOAP header parts.
    pub headers: Vec<Header>,
    /// The header struct of this message (`None`: no headers, the unit type).
    pub headers_type: Option<String>,
}

/// A SOAP header part.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The part's name.
    pub part: String,
    /// The field name in a headers struct.
    pub field_name: String,
    /// The header element.
    pub element: ElementName,
    /// What the header holds.
    pub shape: Shape,
}

impl Ir {
    /// The type behind `id`.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The constant name of namespace `uri`.
    pub fn namespace_const(&self, uri: &str) -> Option<&str> {
        self.namespaces
            .iter()
            .find(|ns| ns.uri == uri)
            .map(|ns| ns.const_name.as_str())
    }
}
