//! The batch as a reviewer sees it: one row per submission, rule frequency,
//! a communes × rule-groups heat map and cross-submission checks. The HTML,
//! CSV and XLSX renderers only format this model.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Severity;
use crate::document::Document;
use crate::lint::FileResult;
use crate::rules::RuleSet;

mod cross;
use cross::{citation_conflicts, shared_missing};

/// Rule ids counted as "mandatory indicator missing" (template rules,
/// `rules/indicators.yaml`). The one place that maps rule ids to columns.
pub const MISSING_INDICATOR_RULES: &[&str] = &["indicator-mandatory-missing"];
/// Rule ids counted as "target below baseline".
pub const BELOW_BASELINE_RULES: &[&str] = &["indicator-target-below-baseline"];
/// Group of findings about the input file itself (`input-unreadable`, …).
pub const INPUT_GROUP: &str = "input";

/// Rule id → rule group (the stem of the YAML file the rule comes from).
#[derive(Debug, Clone, Default)]
pub struct RuleGroups {
    groups: HashMap<String, String>,
}

impl RuleGroups {
    pub fn from_rules(rules: &RuleSet) -> Self {
        let mut groups = RuleGroups::default();
        groups.add_rules(rules);
        groups
    }

    /// Add the rules of another set (a config's extra folders); rules
    /// already known keep their group.
    pub fn add_rules(&mut self, rules: &RuleSet) {
        for rule in &rules.rules {
            self.groups
                .entry(rule.meta.id.clone())
                .or_insert_with(|| group_of_origin(&rule.meta.origin));
        }
    }

    pub fn group(&self, rule_id: &str) -> String {
        match self.groups.get(rule_id) {
            Some(group) => group.clone(),
            None if rule_id.starts_with("input-") => INPUT_GROUP.to_owned(),
            None => "other".to_owned(),
        }
    }
}

/// `rules/slips.yaml` → `slips`.
fn group_of_origin(origin: &str) -> String {
    Path::new(origin)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| origin.to_owned())
}

#[derive(Debug)]
pub struct BatchSummary<'a> {
    pub submissions: Vec<Submission<'a>>,
    /// Heat-map columns, sorted.
    pub groups: Vec<String>,
    /// Most frequent first.
    pub rule_frequency: Vec<RuleFrequency>,
    pub citation_conflicts: Vec<CitationConflict>,
    pub shared_missing: Vec<SharedMissing>,
    /// File name of the HTML report, when one is written, for detail links
    /// from the CSV and the spreadsheet.
    pub html_page: Option<String>,
}

#[derive(Debug)]
pub struct Submission<'a> {
    /// 1-based position in the batch; the detail anchor is `plan-{index}`.
    pub index: usize,
    pub result: &'a FileResult,
    /// `xã Kiến Hưng`; the file name when the plan does not say.
    pub commune: String,
    /// `28/KH-UBND`, or `/KH-UBND` for a draft.
    pub number: Option<String>,
    /// `26/01/2026`; blanks of a draft shown as `…`.
    pub date: Option<String>,
    pub plan_year: Option<u16>,
    pub template: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub missing_indicators: usize,
    pub below_baseline: usize,
    /// Findings per group, aligned with [`BatchSummary::groups`].
    pub by_group: Vec<usize>,
}

impl Submission<'_> {
    pub fn anchor(&self) -> String {
        format!("plan-{}", self.index)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleFrequency {
    pub rule_id: String,
    pub group: String,
    pub severity: Severity,
    pub findings: usize,
    /// Submissions with at least one finding of the rule.
    pub submissions: usize,
}

/// One national document cited with different dates by different communes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationConflict {
    pub symbol: String,
    /// Each date as `d/m/yyyy` with the communes citing it.
    pub dates: Vec<(String, Vec<String>)>,
}

/// The same mandatory indicator missing in several communes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedMissing {
    /// The finding's message, which names the indicator.
    pub indicator: String,
    pub communes: Vec<String>,
}

impl<'a> BatchSummary<'a> {
    pub fn new(results: &'a [FileResult], groups: &RuleGroups) -> Self {
        let mut group_names = BTreeSet::new();
        for result in results {
            for diagnostic in &result.diagnostics {
                group_names.insert(groups.group(&diagnostic.rule_id));
            }
        }
        let group_names: Vec<String> = group_names.into_iter().collect();
        let submissions: Vec<Submission> = results
            .iter()
            .enumerate()
            .map(|(i, result)| submission(i + 1, result, groups, &group_names))
            .collect();
        BatchSummary {
            rule_frequency: rule_frequency(results, groups),
            citation_conflicts: citation_conflicts(&submissions),
            shared_missing: shared_missing(&submissions),
            groups: group_names,
            submissions,
            html_page: None,
        }
    }

    /// Where a submission's detail is: `report.html#plan-3`, or its file
    /// when no HTML report is written.
    pub fn detail_link(&self, submission: &Submission) -> String {
        match &self.html_page {
            Some(page) => format!("{page}#{}", submission.anchor()),
            None => submission.result.path.clone(),
        }
    }

    /// The largest cell of the heat map (for scaling colours).
    pub fn heat_max(&self) -> usize {
        self.submissions
            .iter()
            .flat_map(|s| s.by_group.iter().copied())
            .max()
            .unwrap_or(0)
    }
}

fn submission<'a>(
    index: usize,
    result: &'a FileResult,
    groups: &RuleGroups,
    group_names: &[String],
) -> Submission<'a> {
    let count_rules = |ids: &[&str]| {
        result
            .diagnostics
            .iter()
            .filter(|d| ids.contains(&d.rule_id.as_str()))
            .count()
    };
    let mut by_group = vec![0; group_names.len()];
    for diagnostic in &result.diagnostics {
        let group = groups.group(&diagnostic.rule_id);
        if let Ok(i) = group_names.binary_search(&group) {
            by_group[i] += 1;
        }
    }
    let doc = result.document.as_ref();
    let text = result.source.as_ref().map(|s| s.text.as_str());
    Submission {
        index,
        result,
        commune: commune_name(doc, text).unwrap_or_else(|| file_stem(&result.path)),
        number: doc.and_then(|d| d.header.number.as_ref().map(|n| n.raw.value.clone())),
        date: doc.and_then(plan_date),
        plan_year: doc.and_then(|d| d.plan_year.as_ref().map(|y| y.value)),
        template: result.template.clone(),
        errors: result.count(Severity::Error),
        warnings: result.count(Severity::Warning),
        infos: result.count(Severity::Info),
        missing_indicators: count_rules(MISSING_INDICATOR_RULES),
        below_baseline: count_rules(BELOW_BASELINE_RULES),
        by_group,
    }
}

fn file_stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_owned())
}

static COMMUNE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}])(xã|phường|đặc khu|XÃ|PHƯỜNG|ĐẶC KHU)\s+(\p{Lu}\p{L}*(?:[ \t]+\p{Lu}\p{L}*)*)")
        .expect("valid regex")
});

/// Lines at the top of a plan searched for its commune when the header
/// model has none (header, subject and bases fit in them).
const COMMUNE_SEARCH_LINES: usize = 40;

/// `xã Kiến Hưng`, from the issuing body, the subject, or the top of the text.
fn commune_name(doc: Option<&Document>, text: Option<&str>) -> Option<String> {
    let header = doc.map(|d| &d.header);
    let from_body = header.and_then(|h| {
        h.issuing_body
            .iter()
            .rev()
            .find_map(|line| commune_in(&line.value))
    });
    let from_subject = || {
        header
            .and_then(|h| h.subject.as_ref())
            .and_then(|s| commune_in(&s.value))
    };
    let from_text =
        || text.and_then(|text| text.lines().take(COMMUNE_SEARCH_LINES).find_map(commune_in));
    from_body.or_else(from_subject).or_else(from_text)
}

/// `XÃ HÀ ĐÔNG` → `xã Hà Đông`; `… xã Kiến Hưng năm 2026` → `xã Kiến Hưng`.
fn commune_in(line: &str) -> Option<String> {
    let caps = COMMUNE.captures(line)?;
    let kind = caps.get(1)?.as_str().to_lowercase();
    let name = caps.get(2)?.as_str();
    let words: Vec<String> = name
        .split_whitespace()
        .map(|word| {
            let lower = word.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    Some(format!("{kind} {}", words.join(" ")))
}

/// The plan's own date as `dd/mm/yyyy`, blanks shown as `…`.
fn plan_date(doc: &Document) -> Option<String> {
    let date = doc.header.place_date.as_ref()?;
    let part = |p: &Option<crate::document::model::Spanned<String>>| {
        p.as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_else(|| "…".to_owned())
    };
    Some(format!(
        "{}/{}/{}",
        part(&date.day),
        part(&date.month),
        part(&date.year)
    ))
}

fn rule_frequency(results: &[FileResult], groups: &RuleGroups) -> Vec<RuleFrequency> {
    let mut by_rule: BTreeMap<&str, RuleFrequency> = BTreeMap::new();
    for result in results {
        let mut seen = BTreeSet::new();
        for diagnostic in &result.diagnostics {
            let entry = by_rule
                .entry(&diagnostic.rule_id)
                .or_insert_with(|| RuleFrequency {
                    rule_id: diagnostic.rule_id.clone(),
                    group: groups.group(&diagnostic.rule_id),
                    severity: diagnostic.severity,
                    findings: 0,
                    submissions: 0,
                });
            entry.findings += 1;
            entry.severity = entry.severity.max(diagnostic.severity);
            if seen.insert(diagnostic.rule_id.as_str()) {
                entry.submissions += 1;
            }
        }
    }
    let mut frequency: Vec<RuleFrequency> = by_rule.into_values().collect();
    frequency.sort_by(|a, b| {
        b.findings
            .cmp(&a.findings)
            .then_with(|| a.rule_id.cmp(&b.rule_id))
    });
    frequency
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_from_a_subject_or_an_issuing_body() {
        assert_eq!(
            commune_in("Chuyển đổi số xã Kiến Hưng năm 2026").as_deref(),
            Some("xã Kiến Hưng")
        );
        assert_eq!(commune_in("XÃ HÀ ĐÔNG").as_deref(), Some("xã Hà Đông"));
        assert_eq!(
            commune_in("**Chuyển đổi số phường Chí Linh năm 2026**").as_deref(),
            Some("phường Chí Linh")
        );
        assert_eq!(commune_in("Ủy ban nhân dân xã xây dựng"), None);
        assert_eq!(
            commune_in("ĐẶC KHU CÁT HẢI").as_deref(),
            Some("đặc khu Cát Hải")
        );
    }

    #[test]
    fn origin_names_the_group() {
        assert_eq!(group_of_origin("rules/slips.yaml"), "slips");
        assert_eq!(group_of_origin("/home/x/extra/local.yml"), "local");
    }
}
