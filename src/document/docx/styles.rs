//! `word/styles.xml`: what a paragraph or character style contributes to
//! reading the text (its font, for legacy encodings; its numbering).

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::package::PackageError;
use super::xml::{attr, doctype_refused, too_deep, xml_error, MAX_DEPTH};

#[derive(Debug, Clone, Default)]
pub struct Style {
    pub based_on: Option<String>,
    pub font: Option<String>,
    /// (numId, ilvl) from the style's paragraph properties.
    pub numbering: Option<(String, Option<usize>)>,
}

#[derive(Debug, Clone, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
    default_font: Option<String>,
}

impl Styles {
    pub fn parse(xml: &[u8]) -> Result<Self, PackageError> {
        let mut reader = Reader::from_reader(xml);
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let mut path: Vec<Vec<u8>> = Vec::new();
        let mut buf = Vec::new();
        loop {
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| xml_error(&e))?;
            match &event {
                Event::DocType(_) => return Err(doctype_refused("word/styles.xml")),
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    let in_change = path.iter().any(|p| p.ends_with(b"Change"));
                    match name.as_slice() {
                        b"style" => {
                            let id = attr(e, b"styleId").unwrap_or_default();
                            if attr(e, b"default").as_deref() == Some("1")
                                && attr(e, b"type").as_deref() == Some("paragraph")
                            {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, Style::default()));
                        }
                        b"basedOn" => {
                            if let Some((_, style)) = &mut current {
                                style.based_on = attr(e, b"val");
                            }
                        }
                        b"rFonts" if !in_change => {
                            let font = attr(e, b"ascii").or_else(|| attr(e, b"hAnsi"));
                            match &mut current {
                                Some((_, style)) => style.font = font.or(style.font.take()),
                                None if path.iter().any(|p| p == b"docDefaults") => {
                                    styles.default_font = font
                                }
                                None => {}
                            }
                        }
                        b"numId" if !in_change => {
                            if let (Some((_, style)), Some(id)) = (&mut current, attr(e, b"val")) {
                                let level = style.numbering.take().and_then(|(_, l)| l);
                                style.numbering = Some((id, level));
                            }
                        }
                        b"ilvl" if !in_change => {
                            if let Some((_, style)) = &mut current {
                                let level = attr(e, b"val").and_then(|v| v.parse().ok());
                                let id = style.numbering.take().map(|(id, _)| id);
                                style.numbering = Some((id.unwrap_or_default(), level));
                            }
                        }
                        _ => {}
                    }
                    if matches!(event, Event::Start(_)) {
                        if path.len() >= MAX_DEPTH {
                            return Err(too_deep("word/styles.xml"));
                        }
                        path.push(name);
                    } else if name == b"style" {
                        styles.finish(current.take());
                    }
                }
                Event::End(e) => {
                    path.pop();
                    if e.local_name().as_ref() == b"style" {
                        styles.finish(current.take());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(styles)
    }

    fn finish(&mut self, style: Option<(String, Style)>) {
        if let Some((id, style)) = style {
            self.styles.insert(id, style);
        }
    }

    /// Walk a style and the styles it is based on (bounded: loops are cut).
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a Style> + 'a {
        let start = id
            .or(self.default_paragraph.as_deref())
            .and_then(|id| self.styles.get(id));
        std::iter::successors(start, |s| {
            s.based_on.as_deref().and_then(|b| self.styles.get(b))
        })
        .take(32)
    }

    /// Font of a run: its character style, then its paragraph style, then the default.
    pub fn font<'a>(
        &'a self,
        run_style: Option<&'a str>,
        paragraph_style: Option<&'a str>,
    ) -> Option<&'a str> {
        run_style
            .map(|id| self.chain(Some(id)).find_map(|s| s.font.as_deref()))
            .unwrap_or(None)
            .or_else(|| self.chain(paragraph_style).find_map(|s| s.font.as_deref()))
            .or(self.default_font.as_deref())
    }

    /// Numbering a paragraph style gives its paragraphs: (numId, ilvl).
    pub fn numbering(&self, paragraph_style: Option<&str>) -> Option<(String, usize)> {
        let mut id = None;
        let mut level = None;
        for style in self.chain(paragraph_style) {
            if let Some((num, lvl)) = &style.numbering {
                if id.is_none() && !num.is_empty() {
                    id = Some(num.clone());
                }
                level = level.or(*lvl);
            }
        }
        id.map(|id| (id, level.unwrap_or(0)))
    }
}
