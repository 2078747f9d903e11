//! One numbering of the words of a plan, shared by the rules that look
//! words up in a [`WordTable`] of their own: the near-miss rule numbered
//! every word of the plan, and each `consistency` rule ran its own filter
//! over every word again. Each such rule records its set of words when it
//! is compiled; the first rule to ask in a plan looks every word of the
//! plan up once in a table of the words of every set recorded, and the
//! rules read their own numbers from it.
//!
//! The registry is shared by every rule set of the process (a set recorded
//! twice, as when the built-in rules are loaded again, is one set). The
//! shared table numbers the words of the largest set first, in that set's
//! order, so that set reads the shared numbers as its own. A set recorded
//! after a plan's numbering began is not in it: its rule looks its words up
//! alone in that plan. Which sets are recorded changes how much is looked
//! up, never what a rule finds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::{WordTable, NOT_FOUND};
use crate::rules::text::Words;

/// A set of words recorded for the shared numbering.
#[derive(Debug, Clone, Copy)]
pub struct SharedSet {
    set: u32,
}

/// Records `words` (distinct, lower case, in the order of their numbers in
/// the rule's own table). A `sparse` set is one whose words are rare in a
/// plan: the places of its words are listed (see [`SharedSet::hits`]).
pub fn register(words: &[String], sparse: bool) -> SharedSet {
    let mut registry = registry().lock().unwrap_or_else(|e| e.into_inner());
    let entry = (words.to_vec(), sparse);
    if let Some(&set) = registry.index.get(&entry) {
        return SharedSet { set };
    }
    let set = registry.sets.len() as u32;
    registry.index.insert(entry.clone(), set);
    registry.sets.push(entry);
    // The next plan's numbering is built with it.
    registry.numbering = None;
    SharedSet { set }
}

fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(Mutex::default)
}

type Entry = (Vec<String>, bool);

#[derive(Default)]
struct Registry {
    sets: Vec<Entry>,
    index: HashMap<Entry, u32>,
    /// The numbering of the words of `sets`, built on first use after a
    /// set was added.
    numbering: Option<Arc<Numbering>>,
}

/// The numbering of the sets recorded, as they were when it was built.
fn current() -> Arc<Numbering> {
    let mut registry = registry().lock().unwrap_or_else(|e| e.into_inner());
    let registry = &mut *registry;
    registry
        .numbering
        .get_or_insert_with(|| Arc::new(Numbering::new(&registry.sets)))
        .clone()
}

/// The words of many sets in one table.
#[derive(Debug)]
struct Numbering {
    /// The words of a sparse set marked (see [`WordTable::mark`]).
    table: WordTable,
    /// By set: its own numbers from the shared ones.
    own: Vec<Own>,
    /// By set: it is sparse.
    sparse_set: Vec<bool>,
}

#[derive(Debug)]
enum Own {
    /// The shared number is the set's own; a number not below `len` is no
    /// word of the set.
    Same { len: u32 },
    /// By shared number, the set's own number or [`NOT_FOUND`].
    Table(Vec<u32>),
}

impl Numbering {
    fn new(sets: &[Entry]) -> Numbering {
        // The largest set first (of two as large, the first recorded).
        let first = (0..sets.len()).max_by_key(|&s| (sets[s].0.len(), std::cmp::Reverse(s)));
        let order = first
            .into_iter()
            .chain((0..sets.len()).filter(|&s| Some(s) != first));
        let mut table = WordTable::default();
        let mut sparse = Vec::new();
        let mut shared_of: Vec<Vec<u32>> = vec![Vec::new(); sets.len()];
        for s in order {
            let (words, is_sparse) = &sets[s];
            for word in words {
                let id = table.insert(word);
                if id as usize == sparse.len() {
                    sparse.push(false);
                }
                sparse[id as usize] |= *is_sparse;
                shared_of[s].push(id);
            }
        }
        for (id, _) in sparse.iter().enumerate().filter(|(_, &s)| s) {
            table.mark(id as u32);
        }
        let len = sparse.len();
        let own = (0..sets.len())
            .map(|s| {
                let same = shared_of[s]
                    .iter()
                    .enumerate()
                    .all(|(i, &id)| i == id as usize);
                if same {
                    return Own::Same {
                        len: shared_of[s].len() as u32,
                    };
                }
                let mut own = vec![NOT_FOUND; len];
                for (i, &id) in shared_of[s].iter().enumerate() {
                    own[id as usize] = i as u32;
                }
                Own::Table(own)
            })
            .collect();
        Numbering {
            table,
            own,
            sparse_set: sets.iter().map(|(_, sparse)| *sparse).collect(),
        }
    }
}

/// A plan's shared numbering, made by the first rule that asks for it.
#[derive(Debug, Default)]
pub struct PlanIds(OnceLock<Numbered>);

#[derive(Debug)]
struct Numbered {
    numbering: Arc<Numbering>,
    /// By word of the word view (`all()`): its shared number or
    /// [`NOT_FOUND`].
    ids: Vec<u32>,
    /// The places of the words that are in a sparse set, in text order.
    hits: Vec<u32>,
}

impl PlanIds {
    fn get(&self, table: &Words, text: &str) -> &Numbered {
        self.0.get_or_init(|| Numbered::new(current(), table, text))
    }
}

impl Numbered {
    /// The words of `table`, the word view of `text`, numbered by
    /// `numbering`.
    fn new(numbering: Arc<Numbering>, table: &Words, text: &str) -> Numbered {
        let words = table.all();
        let mut hits = Vec::new();
        // Collected from a slice's map: no capacity test per word.
        let ids: Vec<u32> = (words.iter().enumerate())
            .map(|(i, word)| {
                // The sparse sets' words are marked in the table.
                let (id, sparse) = numbering.table.get_marked(table, text, word);
                if sparse {
                    hits.push(i as u32);
                }
                id
            })
            .collect();
        Numbered {
            numbering,
            ids,
            hits,
        }
    }
}

impl SharedSet {
    /// The set's own numbers of the words of `table` (the word view of
    /// `text`, `all()` order), when the plan's shared numbers are those: a
    /// number not below the set's length is no word of the set. `None` when
    /// the set has other numbers in the plan's numbering, or is not in it.
    pub fn same_ids<'p>(&self, plan: &'p PlanIds, table: &Words, text: &str) -> Option<&'p [u32]> {
        let numbered = plan.get(table, text);
        match numbered.numbering.own.get(self.set as usize)? {
            Own::Same { .. } => Some(&numbered.ids),
            Own::Table(_) => None,
        }
    }

    /// The places in `table.all()` of the words of a sparse set, in text
    /// order, each with its own number in the set; `None` when the set is
    /// not in the plan's numbering or is not sparse.
    pub fn hits<'p>(
        &self,
        plan: &'p PlanIds,
        table: &Words,
        text: &str,
    ) -> Option<impl Iterator<Item = (usize, u32)> + 'p> {
        let numbered = plan.get(table, text);
        let set = self.set as usize;
        if !*numbered.numbering.sparse_set.get(set)? {
            return None;
        }
        let own = numbered.numbering.own.get(set)?;
        let ids = &numbered.ids;
        Some(numbered.hits.iter().filter_map(move |&at| {
            let id = *ids.get(at as usize)?;
            let own_id = match own {
                Own::Same { len } => (id < *len).then_some(id),
                Own::Table(table) => table.get(id as usize).copied().filter(|&o| o != NOT_FOUND),
            }?;
            Some((at as usize, own_id))
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    /// Each set reads from the shared numbering what its own table says:
    /// the largest set its own numbers, a sparse set the places of its
    /// words.
    #[test]
    fn shared_numbers_are_each_sets_own() {
        let small = strings(&["hoá", "hóa", "lý", "lí", "tỷ"]);
        let large = strings(&["số", "hóa", "chuyển", "đổi", "kế", "hoạch", "lý", "x"]);
        let other = strings(&["tỉ", "lệ", "kế"]);
        let sets = vec![(small, true), (large, false), (other, false)];
        let mut own: Vec<WordTable> = Vec::new();
        for (words, _) in &sets {
            let mut table = WordTable::default();
            for word in words {
                table.insert(word);
            }
            own.push(table);
        }
        let text = "Số hóa HOÁ lý Lí tỷ kế hoạch chuyển đổi số x LÝ tỉ lệ hoá, TỶ lệ y";
        let view = Words::new(text);
        let plan = PlanIds::default();
        let numbered = Numbered::new(Arc::new(Numbering::new(&sets)), &view, text);
        assert!(plan.0.set(numbered).is_ok());
        let own_ids = |s: usize| -> Vec<u32> {
            (view.all().iter())
                .map(|w| own[s].get(&view, text, w))
                .collect()
        };
        let large_ids = SharedSet { set: 1 }.same_ids(&plan, &view, text).unwrap();
        let len = own[1].words().len() as u32;
        for (shared, own) in large_ids.iter().zip(own_ids(1)) {
            assert_eq!(if *shared < len { *shared } else { NOT_FOUND }, own);
        }
        let hits: Vec<(usize, u32)> = (SharedSet { set: 0 }.hits(&plan, &view, text))
            .unwrap()
            .collect();
        let expected: Vec<(usize, u32)> = (own_ids(0).into_iter().enumerate())
            .filter(|&(_, id)| id != NOT_FOUND)
            .collect();
        assert_eq!(hits, expected);
        assert_eq!(hits.len(), 8);
        assert!(SharedSet { set: 0 }.same_ids(&plan, &view, text).is_none());
        assert!(SharedSet { set: 1 }.hits(&plan, &view, text).is_none());
        assert!(SharedSet { set: 2 }.same_ids(&plan, &view, text).is_none());
        assert!(SharedSet { set: 3 }.same_ids(&plan, &view, text).is_none());
    }
}
