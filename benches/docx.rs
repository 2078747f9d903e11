//! Reading the five seed plans as .docx (`tests/fixtures/docx/seeds/`, made
//! by `scripts/make-docx.py`): unzip, parse document.xml, numbering and
//! styles, build the text and its Word locations. Throughput is in bytes of
//! .docx per second. Run: `cargo bench --bench docx`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasoat::document::docx::source_from_bytes;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    seeds.sort();
    seeds
}

fn bench(c: &mut Criterion) {
    let seeds = seeds();
    let total: usize = seeds.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("docx");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("read five seed .docx", |b| {
        b.iter(|| {
            for (name, bytes) in &seeds {
                let source = source_from_bytes(name, bytes).unwrap();
                std::hint::black_box(source.text.len());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
