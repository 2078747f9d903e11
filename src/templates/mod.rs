//! City/provincial templates (`rules/templates/*.yaml`): the indicators a plan
//! must carry. Loaded ([`loader`], `extends:` resolved), recognised from a
//! plan's bases ([`recognise`]), matched against its indicator rows
//! ([`matcher`], [`plan`]) and checked by the `template` rule kind.

use serde::Serialize;

pub mod cli;
pub(crate) mod fold;
pub mod loader;
pub mod matcher;
pub mod plan;
pub mod recognise;
pub mod rows;
mod vocabulary;
pub(crate) mod words;

pub use loader::TemplateFile;
pub use plan::{match_plan, Coverage, PlanMatch};

/// One template, with the indicators of the templates it extends merged in.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Template {
    pub id: String,
    pub title: String,
    /// The document the template encodes (`Kế hoạch số 359/KH-UBND …`).
    pub authority: Authority,
    /// Year the plans following it are for (`2026`), or the horizon (`2030`).
    pub year: Option<u16>,
    pub extends: Option<String>,
    pub recognise: Recognition,
    pub indicators: Vec<Indicator>,
    /// File the template came from.
    pub origin: String,
    /// Its indicators ready to match rows, built on first use.
    #[serde(skip)]
    pub(crate) matcher: std::sync::OnceLock<matcher::Matcher>,
}

impl Template {
    /// The matcher of this template's indicators, built once.
    pub fn matcher(&self) -> &matcher::Matcher {
        self.matcher.get_or_init(|| matcher::Matcher::new(self))
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Authority {
    /// Full citation as a drafter would write it.
    pub document: String,
    /// `359/KH-UBND`
    pub symbol: String,
    /// `31/12/2025`
    pub date: Option<String>,
}

/// How to tell that a plan follows a template.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Recognition {
    /// Symbols of documents the plan cites in its bases (`359/KH-UBND`).
    pub cites: Vec<String>,
    /// Province/city names; when given, one must appear in the plan too
    /// (symbols such as `119/KH-UBND` are reused by every province).
    pub places: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better (coverage, share online, satisfaction): targets `≥`.
    Increase,
    /// Lower is better (rankings, late files, processing time): targets `≤`.
    Decrease,
    /// Keep a level (`100%` → `100%`).
    Keep,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Keep => "keep",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Stable id (kebab-case), unique in the template.
    pub id: String,
    /// Canonical name as the authority document words it.
    pub name: String,
    /// Other wordings drafters use; each is matched like the name.
    pub aliases: Vec<String>,
    /// Words that must all appear for a wording to count (`5G`, `VNeID`).
    pub keywords: Vec<String>,
    pub group: Option<String>,
    pub mandatory: bool,
    pub direction: Direction,
    /// `%` for rates; targets above 100 are impossible for them.
    pub unit: Option<String>,
    /// The template's own minimum target (maximum for a falling indicator).
    pub minimum: Option<f64>,
    /// Whether a multi-year target such as `100% (2025-2027)` is allowed.
    pub multi_year: bool,
    /// Template that defined it (for `templates show`).
    pub from: String,
}

impl Indicator {
    pub fn is_rate(&self) -> bool {
        self.unit.as_deref() == Some("%")
    }
}

/// All templates known to a run.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    pub templates: Vec<Template>,
}

impl TemplateSet {
    /// The templates built into the binary (`rules/templates/*.yaml`).
    /// They are checked by the test suite (`builtin_templates_load`), so an
    /// error here cannot ship; it still gives an empty set, never a panic.
    pub fn builtin() -> Self {
        crate::timing::measure("(load templates)", || {
            Self::try_builtin().unwrap_or_default()
        })
    }

    pub fn try_builtin() -> Result<Self, crate::rules::RuleFileError> {
        loader::load_set(crate::rules::builtin::TEMPLATE_FILES.iter().copied())
    }

    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// The template a plan follows, recognised from its bases and location.
    pub fn recognise(&self, doc: &crate::document::Document) -> Option<&Template> {
        recognise::best(self, doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_load() {
        let set = TemplateSet::try_builtin().unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<_> = set.templates.iter().map(|t| t.id.as_str()).collect();
        for id in ["national", "hai-phong-2026", "dong-nai-2026", "noi-vu-2030"] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
        for template in &set.templates {
            assert!(
                template.indicators.iter().any(|i| i.mandatory),
                "{} has no mandatory indicator",
                template.id
            );
        }
    }
}
