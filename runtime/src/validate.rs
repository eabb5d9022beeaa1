//! The `Validate` trait and its implementations for the containers and leaves payloads hold.

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use crate::{LazyPath, Path, Violations};

/// A value whose rules can be checked at run time.
///
/// `#[derive(tollgate::Payload)]` implements it; so does this crate for `Option`, `Box`,
/// `Vec` and slices of validated values (each element gets its index in the path), and, as
/// values without rules of their own, for strings, numbers, `bool` and `char`.
///
/// ```
/// use tollgate::{Payload, Validate};
///
/// #[derive(Payload, serde::Serialize)]
/// #[serde(rename_all = "camelCase")]
/// #[payload(required(conversation_id))]
/// struct Request {
///     #[payload(guid)]
///     conversation_id: Option<String>,
/// }
///
/// let request = Request { conversation_id: None };
/// let violations = request.validate().unwrap_err();
/// assert_eq!(violations.to_string(), "conversationId: is required [REQUIRED_FIELD]");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a tollgate payload, so it cannot be validated",
    label = "this field's type has no `Validate` implementation",
    note = "derive `tollgate::Payload` for `{Self}`, or mark the field `#[payload(skip)]` to leave it unchecked"
)]
pub trait Validate {
    /// Checks every rule and returns every violation, in field order (see
    /// [`Violations::sort_in_field_order`]).
    ///
    /// A valid value is checked without allocating.
    fn validate(&self) -> Result<(), Violations> {
        let mut violations = Violations::new();
        self.validate_into(&Path::root(), &mut violations);
        if violations.never_allocated() {
            // The valid case, first, in one test: nothing recorded, nothing to sort or free.
            std::mem::forget(violations);
            return Ok(());
        }
        violations.sort_in_field_order();
        violations.into_result()
    }

    /// Checks every rule of this value, which sits at `at`, and records violations in `out`.
    ///
    /// This is the method that nested payloads call on each other; implement it, not
    /// `validate`, when writing an implementation by hand.
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations);

    /// [`validate_into`](Validate::validate_into) for the value of a field whose path is not
    /// built yet: what the derive calls on nested payloads. The default builds the path and
    /// validates; `Option`, `Vec` and slices first look whether they hold anything, so an
    /// absent or empty field costs a test and no path.
    ///
    /// ```
    /// use tollgate::{Path, Validate, Violations};
    ///
    /// # #[derive(tollgate::Payload)]
    /// # #[payload(required(id))]
    /// # struct Item { id: Option<String> }
    /// let mut out = Violations::new();
    /// let root = Path::root();
    /// None::<Item>.validate_member(root.lazy("item", 0), &mut out);
    /// assert!(out.is_empty());
    /// Some(Item { id: None }).validate_member(root.lazy("item", 0), &mut out);
    /// assert_eq!(out.to_string(), "item.id: is required [REQUIRED_FIELD]");
    /// ```
    #[inline]
    fn validate_member(&self, at: LazyPath<'_>, out: &mut Violations) {
        self.validate_into(&at.built(), out);
    }
}

/// Pointers validate as what they point to, both ways in: an `Rc<Vec<T>>` that is empty builds
/// no path, as a `Vec<T>` does.
macro_rules! through_pointer {
    ($($pointer:ty),* $(,)?) => {$(
        impl<T: Validate + ?Sized> Validate for $pointer {
            #[inline]
            fn validate_into(&self, at: &Path<'_>, out: &mut Violations) {
                (**self).validate_into(at, out);
            }

            #[inline]
            fn validate_member(&self, at: LazyPath<'_>, out: &mut Violations) {
                (**self).validate_member(at, out);
            }
        }
    )*};
}

through_pointer!(&T, Box<T>, Rc<T>, Arc<T>);

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations) {
        if let Some(value) = self {
            value.validate_into(at, out);
        }
    }

    #[inline]
    fn validate_member(&self, at: LazyPath<'_>, out: &mut Violations) {
        if let Some(value) = self {
            value.validate_member(at, out);
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations) {
        // An index loop, not `iter().enumerate()`: the adapters would be instantiated per
        // element type in every crate that validates, and a debug build compiles each copy.
        // One element path for the whole loop, its index moved on: its parent and kind are
        // stored once, not once an element.
        let mut element = at.index(0);
        let mut index = 0;
        while index < self.len() {
            element.set_index(index);
            self[index].validate_into(&element, out);
            index += 1;
        }
    }

    #[inline]
    fn validate_member(&self, at: LazyPath<'_>, out: &mut Violations) {
        if !self.is_empty() {
            self.validate_into(&at.built(), out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations) {
        self.as_slice().validate_into(at, out);
    }

    #[inline]
    fn validate_member(&self, at: LazyPath<'_>, out: &mut Violations) {
        self.as_slice().validate_member(at, out);
    }
}

/// Leaves: values with no rules of their own (their fields' attributes carry the rules).
macro_rules! leaves {
    ($($leaf:ty),* $(,)?) => {$(
        impl Validate for $leaf {
            #[inline]
            fn validate_into(&self, _at: &Path<'_>, _out: &mut Violations) {}
        }
    )*};
}

leaves!(
    String,
    str,
    Cow<'_, str>,
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    ()
);
