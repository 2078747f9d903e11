//! Check (all built-in rules) and render (human, JSON) on the five seeds and on
//! a 10× concatenated large plan. Throughput is reported in bytes/s.
//! Run: `cargo bench --bench check`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasoat::document::SourceFile;
use rasoat::lint::{check_source, LintOptions};
use rasoat::report::{human, json};
use rasoat::rules::{Lang, RuleSet};
use rasoat::templates::TemplateSet;

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    seeds.sort();
    seeds
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::builtin().unwrap();
    let templates = TemplateSet::builtin();
    let options = LintOptions::default();
    let seeds = seeds();
    let large: String = seeds
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .concat()
        .repeat(2);
    let inputs = [
        ("five-seeds", seeds.clone()),
        ("large-plan-10x", vec![("large.txt".to_owned(), large)]),
    ];
    for (name, files) in &inputs {
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        let mut group = c.benchmark_group(*name);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("read+parse+check", |b| {
            b.iter(|| {
                for (path, text) in files {
                    let source = SourceFile::from_text(path.as_str(), text);
                    std::hint::black_box(check_source(source, &rules, &templates, &options));
                }
            })
        });
        let results: Vec<_> = files
            .iter()
            .map(|(p, t)| {
                check_source(
                    SourceFile::from_text(p.as_str(), t),
                    &rules,
                    &templates,
                    &options,
                )
            })
            .collect();
        group.bench_function("render-human", |b| {
            b.iter(|| human::render(&results, human::HumanStyle::plain(Lang::Vi)))
        });
        group.bench_function("render-json", |b| b.iter(|| json::render(&results)));
        group.finish();
    }
}

/// The cost of one more rule: the same check with every rule file loaded
/// twice (the copies under new ids).
fn bench_doubled_rules(c: &mut Criterion) {
    let templates = TemplateSet::builtin();
    let options = LintOptions::default();
    let seeds = seeds();
    let single = RuleSet::builtin().unwrap();
    let mut doubled = RuleSet::builtin().unwrap();
    for (path, text) in rasoat::rules::builtin::RULE_FILES {
        let copy = text.replace("- id: ", "- id: copy-");
        doubled.add_file(&format!("{path} (copy)"), &copy).unwrap();
    }
    let bytes: usize = seeds.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("rule-count");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, rules) in [("rules-x1", &single), ("rules-x2", &doubled)] {
        group.bench_function(format!("{name} ({} rules)", rules.rules.len()), |b| {
            b.iter(|| {
                for (path, text) in &seeds {
                    let source = SourceFile::from_text(path.as_str(), text);
                    std::hint::black_box(check_source(source, rules, &templates, &options));
                }
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench, bench_doubled_rules
}
criterion_main!(benches);
