//! The HTML report in a real browser: headless Chromium loads the page, its
//! script runs, and the DOM it leaves is checked (table rows, sorting, one
//! submission's detail opened from its `#plan-N` link). A screenshot is saved
//! as `target/report-screenshot.png`.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it). Without it the test
//! fails in CI (`CI` set) and is skipped locally.

use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("RASOAT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Run headless Chromium with a fresh profile; returns stdout.
fn run_chromium(browser: &Path, extra: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-dev-shm-usage",
            // Let the page's script run before the DOM is dumped.
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 DOM")
}

/// Rows of the submissions table as (plan number, cells' text).
fn submission_rows(dom: &str) -> Vec<(usize, Vec<String>)> {
    let start = dom
        .find("<table id=\"submissions\"")
        .expect("submissions table");
    let end = start + dom[start..].find("</table>").expect("table end");
    let table = &dom[start..end];
    let row = Regex::new(r#"(?s)<tr data-index="(\d+)"[^>]*>(.*?)</tr>"#).unwrap();
    let cell = Regex::new(r"(?s)<td[^>]*>(.*?)</td>").unwrap();
    let tag = Regex::new(r"<[^>]+>").unwrap();
    row.captures_iter(table)
        .map(|r| {
            let cells = cell
                .captures_iter(&r[2])
                .map(|c| tag.replace_all(&c[1], "").into_owned())
                .collect();
            (r[1].parse().unwrap(), cells)
        })
        .collect()
}

const ERRORS_COLUMN: usize = 6;

#[test]
fn html_report_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed: `apt-get install -y chromium` (done by .ci/run)"
        );
        eprintln!("SKIPPED: chromium is not installed (apt-get install -y chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .current_dir(ROOT)
        .args(["report", "examples", "tests/fixtures/batch", "--html"])
        .arg(&html)
        .output()
        .unwrap();
    assert!(html.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    let url = format!("file://{}", html.display());

    // As written: one row per submission, in path order.
    let dom = run_chromium(&browser, &["--dump-dom"], &url);
    let rows = submission_rows(&dom);
    assert_eq!(rows.len(), 8, "5 seeds + 3 fixture files");
    let order: Vec<usize> = rows.iter().map(|r| r.0).collect();
    assert_eq!(order, (1..=8).collect::<Vec<_>>());
    assert_eq!(rows[0].1[1], "xã Chí Minh");
    assert_eq!(rows[7].1[1], "03-hong");

    // `#sort=errors` runs the same sort as a click on the «Lỗi» header:
    // most errors first, ties in path order.
    let dom = run_chromium(&browser, &["--dump-dom"], &format!("{url}#sort=errors"));
    assert!(dom.contains("data-key=\"errors\" data-type=\"num\" aria-sort=\"descending\""));
    let sorted = submission_rows(&dom);
    assert_eq!(sorted.len(), 8);
    let errors: Vec<u32> = sorted
        .iter()
        .map(|r| r.1[ERRORS_COLUMN].parse().unwrap())
        .collect();
    assert!(
        errors.windows(2).all(|w| w[0] >= w[1]),
        "sorted by errors: {errors:?}"
    );
    let sorted_order: Vec<usize> = sorted.iter().map(|r| r.0).collect();
    assert_ne!(sorted_order, order, "sorting changed the order");
    let mut expected = rows.clone();
    expected.sort_by_key(|r| std::cmp::Reverse(r.1[ERRORS_COLUMN].parse::<u32>().unwrap()));
    assert_eq!(
        sorted_order,
        expected.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    // Ascending on request.
    let dom = run_chromium(
        &browser,
        &["--dump-dom"],
        &format!("{url}#sort=commune-asc"),
    );
    let communes: Vec<String> = submission_rows(&dom)
        .into_iter()
        .map(|r| r.1[1].clone())
        .collect();
    assert_eq!(communes.first().map(String::as_str), Some("03-hong"));

    // The summary row's link `#plan-3` opens that submission's detail, and
    // only that one; the detail shows its findings and its text.
    let dom = run_chromium(&browser, &["--dump-dom"], &format!("{url}#plan-3"));
    let open = Regex::new(r#"<details class="plan" id="(plan-\d+)" open="#).unwrap();
    let opened: Vec<&str> = open
        .captures_iter(&dom)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(opened, ["plan-3"]);
    let start = dom.find("id=\"plan-3\"").unwrap();
    let detail = &dom[start..start + dom[start..].find("</details>").unwrap()];
    assert!(detail.contains("xã Nghĩa Trung"));
    assert!(detail.contains("<table class=\"findings\">"));
    assert!(
        detail.contains("id=\"plan-3-L1\""),
        "the plan's text, line by line"
    );

    // Screenshot for people: the table sorted by errors.
    let shot = Path::new(ROOT).join("target/report-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &browser,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000",
        ],
        &format!("{url}#sort=errors"),
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1400, 1000));
    assert!(
        png.len() > 20_000,
        "a page, not a blank image ({} bytes)",
        png.len()
    );
}
