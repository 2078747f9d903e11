//! Small helpers over quick-xml shared by the part readers: attributes by
//! local name, entity references, and the refusal of DOCTYPE (Word never
//! writes one; it is how entity tricks get in).

use quick_xml::events::{BytesRef, BytesStart};

use super::package::PackageError;

/// Deepest element nesting accepted (Word documents stay far below).
pub const MAX_DEPTH: usize = 2_000;

/// Value of the attribute with this local name (`w:val` → `val`).
pub fn attr(element: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Text of a `&…;` reference: the five predefined entities and character
/// references. Any other entity is refused (there is no DTD to define it).
pub fn resolve_reference(reference: &BytesRef<'_>) -> Result<String, PackageError> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(|e| xml_error(&e))?;
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(text) => Ok(text.to_owned()),
        None => Err(PackageError(format!(
            "XML dùng thực thể không xác định `&{name};` / undefined XML entity `&{name};`"
        ))),
    }
}

pub fn doctype_refused(part: &str) -> PackageError {
    PackageError(format!(
        "{part} có khai báo DOCTYPE, Word không bao giờ tạo ra; tệp bị từ chối / \
         {part} has a DOCTYPE declaration, which Word never writes; refused"
    ))
}

pub fn too_deep(part: &str) -> PackageError {
    PackageError(format!(
        "{part}: XML lồng quá sâu (hơn {MAX_DEPTH} cấp) / XML nested deeper than {MAX_DEPTH}"
    ))
}

pub fn xml_error(error: &dyn std::fmt::Display) -> PackageError {
    PackageError(format!(
        "XML hỏng trong tệp .docx / malformed XML in the .docx: {error}"
    ))
}
