//! `rasoat templates list | show ID | check FILE.yaml`.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Subcommand;

use super::{loader, Template, TemplateSet};
use crate::rules::Lang;

#[derive(Subcommand, Debug)]
pub enum TemplatesAction {
    /// List the built-in templates.
    List,
    /// Print a template with all its indicators (inherited ones included).
    Show { id: String },
    /// Validate a template file (YAML errors with line and column).
    Check { file: PathBuf },
}

/// Run a `templates` subcommand; returns the exit code.
pub fn run(action: Option<TemplatesAction>, lang: Lang) -> i32 {
    let set = match TemplateSet::try_builtin() {
        Ok(set) => set,
        Err(error) => return report(error),
    };
    match action.unwrap_or(TemplatesAction::List) {
        TemplatesAction::List => {
            print!("{}", list(&set));
            crate::cli::EXIT_CLEAN
        }
        TemplatesAction::Show { id } => match set.get(&id) {
            Some(template) => {
                print!("{}", show(template, lang));
                crate::cli::EXIT_CLEAN
            }
            None => {
                eprintln!("rasoat: no template `{id}` (see `rasoat templates list`)");
                crate::cli::EXIT_ERROR
            }
        },
        TemplatesAction::Check { file } => {
            let path = file.display().to_string();
            let text = match std::fs::read_to_string(&file) {
                Ok(text) => text,
                Err(error) => {
                    eprintln!("rasoat: cannot read {path}: {error}");
                    return crate::cli::EXIT_ERROR;
                }
            };
            match loader::check_file(&path, &text) {
                Ok(template) => {
                    println!(
                        "{path}: template `{}` is valid ({} indicators, {} mandatory)",
                        template.id,
                        template.indicators.len(),
                        template.indicators.iter().filter(|i| i.mandatory).count()
                    );
                    crate::cli::EXIT_CLEAN
                }
                Err(error) => report(error),
            }
        }
    }
}

fn report(error: crate::rules::RuleFileError) -> i32 {
    eprintln!("{error}");
    eprintln!("{:?}", miette::Report::new(error));
    crate::cli::EXIT_ERROR
}

pub fn list(set: &TemplateSet) -> String {
    let mut out = String::new();
    for t in &set.templates {
        let _ = writeln!(
            out,
            "{:<16} {:<5} {:>2} chỉ tiêu  {}",
            t.id,
            t.year.map(|y| y.to_string()).unwrap_or_default(),
            t.indicators.len(),
            t.title
        );
    }
    out
}

pub fn show(t: &Template, lang: Lang) -> String {
    let (mandatory, optional) = match lang {
        Lang::Vi => ("bắt buộc", "không bắt buộc"),
        Lang::En => ("mandatory", "optional"),
    };
    let mut out = format!("{} — {}\n{}\n", t.id, t.title, t.authority.document);
    if let Some(parent) = &t.extends {
        let _ = writeln!(out, "extends: {parent}");
    }
    let _ = writeln!(
        out,
        "recognise: cites [{}], places [{}]\n",
        t.recognise.cites.join(", "),
        t.recognise.places.join(", ")
    );
    for i in &t.indicators {
        let minimum = i
            .minimum
            .map(|m| {
                let sign = if i.direction == super::Direction::Decrease {
                    "≤"
                } else {
                    "≥"
                };
                format!(" {sign} {m}{}", i.unit.as_deref().unwrap_or(""))
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<30} {:<14} {:<8} {:<7} {:<10} {}",
            i.id,
            if i.mandatory { mandatory } else { optional },
            i.direction.as_str(),
            minimum.trim(),
            if i.multi_year { "multi-year" } else { "" },
            i.name
        );
    }
    out
}
