//! Flag sets: `xs:list` of an enumeration, as WCF writes `[Flags]` enums.

use std::fmt;
use std::marker::PhantomData;

use crate::codec::SimpleValue;
use crate::xml::ValueError;

/// The enumeration behind a [`FlagSet`]; generated for each flag list. At most 64 values.
pub trait FlagEnum: Copy + Eq + fmt::Debug + 'static {
    /// Every flag, in declaration order.
    const ALL: &'static [Self];
    /// The flag's lexical form.
    fn name(self) -> &'static str;
    /// The flag with lexical form `name`.
    fn from_name(name: &str) -> Option<Self>;
    /// Position of the flag in [`FlagEnum::ALL`].
    fn index(self) -> u32;
}

/// A set of flags, written space-separated in declaration order. Names this version does not
/// know are kept, in wire order, so nothing a newer server sends is lost.
pub struct FlagSet<F> {
    bits: u64,
    unknown: Vec<String>,
    _flags: PhantomData<F>,
}

impl<F: FlagEnum> FlagSet<F> {
    /// The empty set.
    pub const fn new() -> Self {
        FlagSet {
            bits: 0,
            unknown: Vec::new(),
            _flags: PhantomData,
        }
    }

    fn bit(flag: F) -> u64 {
        1u64.checked_shl(flag.index()).unwrap_or(0)
    }

    /// Whether `flag` is set.
    pub fn contains(&self, flag: F) -> bool {
        self.bits & Self::bit(flag) != 0
    }

    /// Sets `flag`.
    pub fn insert(&mut self, flag: F) {
        self.bits |= Self::bit(flag);
    }

    /// Clears `flag`.
    pub fn remove(&mut self, flag: F) {
        self.bits &= !Self::bit(flag);
    }

    /// Adds `flag` and returns the set, for building sets in one expression.
    pub fn with(mut self, flag: F) -> Self {
        self.insert(flag);
        self
    }

    /// Whether no flag, known or unknown, is set.
    pub fn is_empty(&self) -> bool {
        self.bits == 0 && self.unknown.is_empty()
    }

    /// The known flags that are set, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = F> + '_ {
        F::ALL.iter().copied().filter(|flag| self.contains(*flag))
    }

    /// Names received that this version does not know, in wire order.
    pub fn unknown(&self) -> &[String] {
        &self.unknown
    }

    /// Adds a flag name this version does not know.
    pub fn insert_unknown(&mut self, name: impl Into<String>) {
        self.unknown.push(name.into());
    }
}

impl<F: FlagEnum> Default for FlagSet<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F> Clone for FlagSet<F> {
    fn clone(&self) -> Self {
        FlagSet {
            bits: self.bits,
            unknown: self.unknown.clone(),
            _flags: PhantomData,
        }
    }
}

impl<F> PartialEq for FlagSet<F> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits && self.unknown == other.unknown
    }
}

impl<F> Eq for FlagSet<F> {}

impl<F> std::hash::Hash for FlagSet<F> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bits.hash(state);
        self.unknown.hash(state);
    }
}

impl<F: FlagEnum> fmt::Debug for FlagSet<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut set = f.debug_set();
        set.entries(self.iter());
        set.entries(self.unknown.iter());
        set.finish()
    }
}

impl<F: FlagEnum> FromIterator<F> for FlagSet<F> {
    fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> Self {
        let mut set = Self::new();
        for flag in iter {
            set.insert(flag);
        }
        set
    }
}

impl<F: FlagEnum> SimpleValue for FlagSet<F> {
    const TYPE_NAME: &'static str = "list of flags";

    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let mut text = String::new();
        let known = self.iter().map(|flag| -> &str { flag.name() });
        for name in known.chain(self.unknown.iter().map(String::as_str)) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(name);
        }
        f(&text)
    }

    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let mut set = Self::new();
        for name in text.split_ascii_whitespace() {
            match F::from_name(name) {
                Some(flag) => set.insert(flag),
                None => set.unknown.push(name.to_owned()),
            }
        }
        Ok(set)
    }
}

#[cfg(feature = "proptest")]
impl<F: FlagEnum> proptest::arbitrary::Arbitrary for FlagSet<F> {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;

    fn arbitrary_with(_: ()) -> Self::Strategy {
        use proptest::prelude::*;
        (
            proptest::sample::subsequence(F::ALL.to_vec(), 0..=F::ALL.len()),
            proptest::collection::vec("Unlisted[A-Z][a-z]{0,6}", 0..2),
        )
            .prop_map(|(flags, unknown)| {
                let mut set: Self = flags.into_iter().collect();
                set.unknown = unknown;
                set
            })
            .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Right {
        Select,
        Update,
        Delete,
    }

    impl FlagEnum for Right {
        const ALL: &'static [Self] = &[Right::Select, Right::Update, Right::Delete];
        fn name(self) -> &'static str {
            match self {
                Right::Select => "Select",
                Right::Update => "Update",
                Right::Delete => "Delete",
            }
        }
        fn from_name(name: &str) -> Option<Self> {
            Self::ALL.iter().copied().find(|f| f.name() == name)
        }
        fn index(self) -> u32 {
            self as u32
        }
    }

    #[test]
    fn writes_in_declaration_order_and_keeps_unknown_names() {
        let set = FlagSet::<Right>::parse_text(" Delete  Select Future\n").unwrap();
        assert!(set.contains(Right::Select) && set.contains(Right::Delete));
        assert!(!set.contains(Right::Update));
        assert_eq!(set.unknown(), ["Future"]);
        assert_eq!(set.with_text(str::to_owned), "Select Delete Future");
    }

    #[test]
    fn empty_text_is_the_empty_set() {
        let set = FlagSet::<Right>::parse_text("").unwrap();
        assert!(set.is_empty());
        assert_eq!(set.with_text(str::to_owned), "");
    }
}
