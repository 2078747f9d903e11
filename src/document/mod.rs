//! Reading plans: bytes → decoded text → NFC text → pest parse → [`model::Document`].

mod byte_scan;
pub mod decode;
pub mod docx;
pub mod line_index;
pub mod markup;
pub mod model;
pub mod normalize;
pub mod number_words;
pub mod numbers;
pub mod parser;
pub mod source;

pub use model::Document;

/// Extensions of the files rasoat reads when it walks a folder (lower case).
/// The one list: add a format here once [`SourceFile::read`] reads it.
pub const PLAN_EXTENSIONS: &[&str] = &["txt", "md", "docx"];
pub use parser::parse;
pub use source::SourceFile;
