//! Embed `rules/*.yaml` and `rules/templates/*.yaml` so the binary needs no files beside it
//! (with their JSON form, quicker to parse).

use std::{env, fs, path::Path};

fn list(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn table(name: &str, files: &[String]) -> String {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let mut out = format!("pub static {name}: &[(&str, &str)] = &[\n");
    for file in files {
        out.push_str(&format!(
            "    ({file:?}, include_str!({:?})),\n",
            Path::new(&root).join(file).to_string_lossy()
        ));
    }
    out.push_str("];\n");
    out
}

/// The files as JSON, in the same order (`""` for a file that is not valid
/// YAML or has no JSON form): JSON parses several times quicker than YAML,
/// and parsing the built-in files was a large part of start-up. The loaders
/// fall back to the YAML, and a test checks that both give the same values.
fn json_table(name: &str, files: &[String]) -> String {
    let mut out = format!("pub static {name}: &[&str] = &[\n");
    for file in files {
        let json = fs::read_to_string(file)
            .ok()
            .and_then(|text| yaml_serde::from_str::<yaml_serde::Value>(&text).ok())
            .and_then(|value| serde_json::to_string(&value).ok())
            .unwrap_or_default();
        out.push_str(&format!("    {json:?},\n"));
    }
    out.push_str("];\n");
    out
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=rules/templates");
    let rules = list("rules");
    let templates = list("rules/templates");
    let code = table("RULE_FILES", &rules)
        + &table("TEMPLATE_FILES", &templates)
        + &json_table("RULE_FILES_JSON", &rules)
        + &json_table("TEMPLATE_FILES_JSON", &templates);
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(out, code).unwrap();
}
