//! City/provincial templates (`rules/templates/*.yaml`): the indicators a plan
//! must carry. Loaded, matched against indicator rows, and checked by the
//! `template` rule kind.

use serde::Serialize;

/// One template (fleshed out by the template loader).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Template {
    pub id: String,
    pub title: String,
}

/// All templates known to a run.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    pub templates: Vec<Template>,
}

impl TemplateSet {
    /// The templates built into the binary (`rules/templates/*.yaml`).
    pub fn builtin() -> Self {
        TemplateSet::default()
    }

    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// The template a plan follows, recognised from its bases and location.
    pub fn recognise(&self, _doc: &crate::document::Document) -> Option<&Template> {
        None
    }
}
