//! Model groups whose elements sit inline among their holder's children: a repeated
//! `xs:sequence`, or a sequence that is one alternative of an `xs:choice`.

use crate::codec::XmlType;
use crate::xml::{Child, DecodeError, XmlReader};

/// A generated struct standing for a model group. It is written with
/// [`XmlType::write_content`], element after element, without an element of its own; it is
/// read one occurrence at a time from the children of the element that holds it.
pub trait XmlGroup: XmlType {
    /// Whether `child` is one of the group's elements, so that it starts an occurrence when
    /// the holder meets it.
    fn accepts(r: &XmlReader<'_>, child: Child<'_>) -> bool;

    /// Reads one occurrence from `first`, which is open, in schema order. Returns it with the
    /// first child that does not continue it (open, for the holder to read), or `None` when
    /// the holder's end tag came first. An element that goes back in the group's order, or
    /// repeats one that occurs once, starts the next occurrence.
    fn read_group<'a>(
        r: &mut XmlReader<'a>,
        first: Child<'a>,
    ) -> Result<(Self, Option<Child<'a>>), DecodeError>;
}
