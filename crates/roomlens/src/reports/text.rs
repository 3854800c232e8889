//! `Text`, the text cells of report rows: shared, not copied, so that a million attendee rows
//! that name the same rooms, sessions, roles and people a thousand times hold each of those
//! strings once (`TextPool` shares them while a report is read). A cell is one pointer; an empty
//! cell takes no memory beyond it. It reads as a `&str`; it does not parse or check what it holds.

use crate::fast_hash::FastHashSet;
use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A cell's text, shared between the rows that hold the same value. Empty text is `None`. One
/// pointer wide (`Arc<Box<str>>` rather than the two-word `Arc<str>`): a million rows of six
/// text cells save 48 MB for one more small allocation per distinct value.
#[derive(Clone, Default)]
pub struct Text(Option<Arc<Box<str>>>);

impl Text {
    pub fn as_str(&self) -> &str {
        self.0.as_deref().map_or("", |boxed| boxed)
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        if text.is_empty() {
            Text(None)
        } else {
            Text(Some(Arc::new(Box::from(text))))
        }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::from(text.as_str())
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Text::from(text.as_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl Hash for Text {
    /// As `str` hashes, so that a `Text` set can be searched with a `&str`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Hands out one shared `Text` per distinct value while a report is read. Dropped with the
/// reading; the rows keep their texts.
#[derive(Default)]
pub(crate) struct TextPool {
    seen: FastHashSet<Text>,
}

/// Values longer than this are not pooled: long free text (a name that is a paragraph) is
/// rarely repeated, and pooling it would only keep a second reference alive while reading.
const POOLED_UP_TO: usize = 256;

impl TextPool {
    pub fn text(&mut self, value: &str) -> Text {
        if value.is_empty() {
            return Text::default();
        }
        if value.len() > POOLED_UP_TO {
            return Text::from(value);
        }
        if let Some(found) = self.seen.get(value) {
            return found.clone();
        }
        let text = Text::from(value);
        self.seen.insert(text.clone());
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_holds_nothing_and_equals_empty() {
        assert_eq!(Text::default(), Text::from(""));
        assert_eq!(Text::from(String::new()).0, None);
        assert_eq!(Text::default(), "");
        assert_eq!(&*Text::from("Ada"), "Ada");
        assert_eq!(std::mem::size_of::<Text>(), 8);
    }

    #[test]
    fn the_pool_shares_repeated_values() {
        let mut pool = TextPool::default();
        let a = pool.text("1_room");
        let b = pool.text("1_room");
        let (Some(a_ptr), Some(b_ptr)) = (&a.0, &b.0) else {
            panic!("non-empty texts hold their value");
        };
        assert!(Arc::ptr_eq(a_ptr, b_ptr));
        assert_ne!(pool.text("1_other"), a);
        let long = "x".repeat(POOLED_UP_TO + 1);
        assert_eq!(pool.text(&long), long.as_str());
    }

    #[test]
    fn serialises_hashes_and_orders_as_its_text() {
        assert_eq!(
            serde_json::to_string(&Text::from("a\"b")).unwrap(),
            r#""a\"b""#
        );
        let mut set = FastHashSet::<Text>::default();
        set.insert(Text::from("x"));
        assert!(set.contains("x"));
        let (a, b) = (Text::from("a"), Text::from("b"));
        assert!(a < b);
        assert_eq!(format!("{:?}", Text::from("é")), "\"é\"");
    }
}
