//! Fixes written into a copy of a .docx: only the `w:t` elements whose text
//! a fix touches change; every other byte of `document.xml` and every other
//! part of the package is copied as it was.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::body::{Extracted, Segment};
use super::package::{open_archive, PackageError, DOCUMENT_PART};
use crate::diagnostic::Edit;

/// Apply edits (spans in the extracted text, sorted, non-overlapping) to
/// `document.xml`. Edits touching text that is not in an ordinary `w:t`
/// (numbering labels, tabs, table separators, equations, legacy fonts) are
/// left out. Returns the new XML and how many edits were applied.
pub fn apply_edits(xml: &[u8], extracted: &Extracted, edits: &[Edit]) -> (Vec<u8>, usize) {
    let segments = &extracted.segments;
    let mut new_texts: Vec<Option<String>> = vec![None; segments.len()];
    let mut applied = 0;
    for edit in edits.iter().rev() {
        let Some(touched) = covering_segments(segments, edit) else {
            continue;
        };
        for (k, index) in touched.iter().enumerate() {
            let Some(segment) = segments.get(*index) else {
                continue;
            };
            let Some(current) = new_texts.get_mut(*index) else {
                continue;
            };
            let text = current.get_or_insert_with(|| {
                extracted
                    .text
                    .get(segment.text.clone())
                    .unwrap_or_default()
                    .to_owned()
            });
            let from = edit.span.start.max(segment.text.start) - segment.text.start;
            let to = edit.span.end.min(segment.text.end) - segment.text.start;
            let replacement = if k == 0 {
                edit.replacement.as_str()
            } else {
                ""
            };
            if text.is_char_boundary(from) && text.is_char_boundary(to) && from <= to {
                text.replace_range(from..to, replacement);
            }
        }
        applied += 1;
    }
    let mut splices: Vec<(std::ops::Range<usize>, Vec<u8>)> = Vec::new();
    for (segment, text) in segments.iter().zip(new_texts) {
        if let Some(text) = text {
            let tag = format!("<{} xml:space=\"preserve\">", segment.xml.qname);
            splices.push((segment.xml.tag.clone(), tag.into_bytes()));
            let content = quick_xml::escape::partial_escape(text.as_str()).into_owned();
            splices.push((segment.xml.content.clone(), content.into_bytes()));
        }
    }
    splices.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = xml.to_vec();
    for (range, bytes) in splices {
        if range.start <= range.end && range.end <= out.len() {
            out.splice(range, bytes);
        }
    }
    (out, applied)
}

/// Indices of the segments that together cover the edit's span without a
/// gap; `None` when part of the span is not editable text.
fn covering_segments(segments: &[Segment], edit: &Edit) -> Option<Vec<usize>> {
    let (start, end) = (edit.span.start, edit.span.end);
    if start == end {
        let index = segments
            .iter()
            .position(|s| s.text.start <= start && start <= s.text.end)?;
        return Some(vec![index]);
    }
    let first = segments
        .iter()
        .position(|s| s.text.start <= start && start < s.text.end)?;
    let mut covered = start;
    let mut touched = Vec::new();
    for (index, segment) in segments.iter().enumerate().skip(first) {
        if covered >= end {
            break;
        }
        if segment.text.start != covered && index != first {
            return None;
        }
        touched.push(index);
        covered = segment.text.end;
    }
    (covered >= end).then_some(touched)
}

/// A copy of the package with `document.xml` replaced; every other entry is
/// copied compressed, as it was.
pub fn rewrite_package(original: &[u8], document: &[u8]) -> Result<Vec<u8>, PackageError> {
    let mut archive = open_archive(original)?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let failed = |e: &dyn std::fmt::Display| {
        PackageError(format!(
            "không ghi được bản .docx đã sửa / cannot write the fixed .docx: {e}"
        ))
    };
    for index in 0..archive.len() {
        let file = archive.by_index_raw(index).map_err(|e| failed(&e))?;
        if file.name() == DOCUMENT_PART {
            drop(file);
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
            writer
                .start_file(DOCUMENT_PART, options)
                .map_err(|e| failed(&e))?;
            writer.write_all(document).map_err(|e| failed(&e))?;
        } else {
            writer.raw_copy_file(file).map_err(|e| failed(&e))?;
        }
    }
    let cursor = writer.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}
