//! Writing a fixed file: the text re-encoded as the file was (UTF-8 with or
//! without BOM, UTF-16, windows-1258), written to a temporary file in the
//! same folder and renamed over the original with its permissions, so the
//! file is either wholly old or wholly new.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use encoding_rs::WINDOWS_1258;
use unicode_normalization::char::{compose, decompose_canonical};

/// Encode fixed text as the original file was encoded.
pub fn encode(text: &str, encoding: &str, had_bom: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() + 3);
    match encoding {
        "UTF-8" => {
            if had_bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
        }
        "UTF-16LE" | "UTF-16BE" => {
            let little = encoding == "UTF-16LE";
            let units = (had_bom.then_some('\u{feff}').into_iter())
                .map(|c| c as u16)
                .chain(text.encode_utf16());
            for unit in units {
                out.extend_from_slice(&if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
        }
        "windows-1258" => {
            let prepared = for_windows_1258(text);
            let (bytes, _, unrepresentable) = WINDOWS_1258.encode(&prepared);
            if unrepresentable {
                return Err(
                    "văn bản đã sửa có ký tự không biểu diễn được trong windows-1258 / \
                     the fixed text has characters windows-1258 cannot represent"
                        .into(),
                );
            }
            out.extend_from_slice(&bytes);
        }
        other => {
            return Err(format!(
                "không ghi lại được bảng mã {other} / cannot write {other}"
            ))
        }
    }
    Ok(out)
}

/// windows-1258 has the vowels with their shape marks (â, ơ, ư …) but the
/// five tone marks only as combining characters: "ế" is written "ê" + U+0301.
fn for_windows_1258(text: &str) -> String {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        let mut parts = Vec::new();
        decompose_canonical(c, |p| parts.push(p));
        let mut base = parts.first().copied().unwrap_or(c);
        let mut tones = Vec::new();
        for &mark in parts.iter().skip(1) {
            if TONES.contains(&mark) {
                tones.push(mark);
            } else {
                base = compose(base, mark).unwrap_or(base);
            }
        }
        out.push(base);
        out.extend(tones);
    }
    out
}

/// Where to write `path`: itself, or the target of a symlink whose target
/// stays inside the symlink's folder tree. A symlink pointing out of it is
/// refused (fixing would change a file the user did not name).
pub fn write_target(path: &Path) -> Result<PathBuf, String> {
    let metadata = fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if !metadata.file_type().is_symlink() {
        return Ok(path.to_owned());
    }
    let target = fs::canonicalize(path).map_err(|e| e.to_string())?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let tree = fs::canonicalize(parent.unwrap_or(Path::new("."))).map_err(|e| e.to_string())?;
    if target.starts_with(&tree) {
        Ok(target)
    } else {
        Err(format!(
            "không ghi qua liên kết tượng trưng trỏ ra ngoài thư mục ({}) / \
             refusing to write through a symlink pointing outside its folder",
            target.display()
        ))
    }
}

/// Replace `path` atomically with `bytes`, keeping its permissions. On any
/// error the original is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let target = write_target(path)?;
    let permissions = fs::metadata(&target).ok().map(|m| m.permissions());
    write_new_atomic(&target, bytes, permissions)
}

/// Write a file that may not exist yet (the fixed copy of a .docx) atomically.
pub fn write_new_atomic(
    target: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> Result<(), String> {
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temp, mut file) = (0..100)
        .find_map(|attempt| {
            let temp = folder.join(format!(
                ".{name}.rasoat-{}-{attempt}.tmp",
                std::process::id()
            ));
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)
                .ok()
                .map(|file| (temp, file))
        })
        .ok_or_else(|| {
            format!(
                "không tạo được tệp tạm trong {} / cannot create a temporary file there",
                folder.display()
            )
        })?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Some(permissions) = permissions {
            fs::set_permissions(&temp, permissions)?;
        }
        drop(file);
        fs::rename(&temp, target)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&temp);
        format!("không ghi được tệp / cannot write the file: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_round_trip() {
        let text = "Kế hoạch\r\nSố 28";
        for (encoding, bom) in [
            ("UTF-8", true),
            ("UTF-8", false),
            ("UTF-16LE", true),
            ("UTF-16BE", false),
        ] {
            let bytes = encode(text, encoding, bom).unwrap();
            let decoded = crate::document::decode::decode(&bytes).unwrap();
            assert_eq!(decoded.text, text, "{encoding}");
            assert_eq!(decoded.had_bom, bom, "{encoding}");
        }
    }

    #[test]
    fn windows_1258_gets_tones_as_combining_marks() {
        let bytes = encode("Kế hoạch", "windows-1258", false).unwrap();
        let (back, _) = WINDOWS_1258.decode_without_bom_handling(&bytes);
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(back.nfc().collect::<String>(), "Kế hoạch");
        assert!(encode("≥ 95%", "windows-1258", false).is_err());
    }
}
