//! The zip package of a .docx, read with caps: the declared sizes of a zip
//! are never trusted, every part is read through `take()` so a zip bomb stops
//! at the cap instead of filling memory.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// Most entries a package may have (Word writes a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// Largest uncompressed part rasoat reads.
pub const MAX_PART_BYTES: u64 = 100 * 1024 * 1024;
/// Largest total of uncompressed bytes read from one package.
pub const MAX_TOTAL_BYTES: u64 = 200 * 1024 * 1024;

pub const DOCUMENT_PART: &str = "word/document.xml";
pub const NUMBERING_PART: &str = "word/numbering.xml";
pub const STYLES_PART: &str = "word/styles.xml";

/// The parts of a package that the reader uses.
#[derive(Debug, Clone)]
pub struct Package {
    pub document: Vec<u8>,
    pub numbering: Option<Vec<u8>>,
    pub styles: Option<Vec<u8>>,
}

/// Why a package cannot be read; shown to the user as a file-level error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageError(pub String);

impl std::fmt::Display for PackageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

pub fn open_archive(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, PackageError> {
    if !is_zip(bytes) {
        return Err(PackageError(
            "không phải tệp .docx (không phải tệp zip) / not a .docx file (not a zip archive)"
                .into(),
        ));
    }
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        PackageError(format!(
            "tệp .docx bị hỏng (zip không đọc được) / corrupt .docx (unreadable zip): {e}"
        ))
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(PackageError(format!(
            "tệp .docx có quá nhiều mục ({} > {MAX_ENTRIES}) / too many zip entries",
            archive.len()
        )));
    }
    Ok(archive)
}

/// Read the parts rasoat needs from the bytes of a .docx file.
pub fn read_package(bytes: &[u8]) -> Result<Package, PackageError> {
    let mut archive = open_archive(bytes)?;
    let mut budget = MAX_TOTAL_BYTES;
    let document = read_part(&mut archive, DOCUMENT_PART, &mut budget)?.ok_or_else(|| {
        PackageError(format!(
            "tệp .docx thiếu phần {DOCUMENT_PART} / the package has no {DOCUMENT_PART}"
        ))
    })?;
    let numbering = read_part(&mut archive, NUMBERING_PART, &mut budget)?;
    let styles = read_part(&mut archive, STYLES_PART, &mut budget)?;
    Ok(Package {
        document,
        numbering,
        styles,
    })
}

/// One part, or `None` when absent; errors when it is larger than the caps.
pub fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, PackageError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(PackageError(format!(
                "không đọc được {name} trong tệp .docx / cannot read {name}: {e}"
            )))
        }
    };
    let limit = MAX_PART_BYTES.min(*budget);
    let mut data = Vec::new();
    file.take(limit + 1).read_to_end(&mut data).map_err(|e| {
        PackageError(format!(
            "không giải nén được {name} / cannot decompress {name}: {e}"
        ))
    })?;
    let read = data.len() as u64;
    if read > limit {
        return Err(PackageError(format!(
            "{name} giải nén ra quá lớn (hơn {limit} byte; có thể là bom zip) / \
             {name} decompresses to more than {limit} bytes (zip bomb?)"
        )));
    }
    *budget = budget.saturating_sub(read);
    Ok(Some(data))
}
