//! `--error-format=json`: every diagnostic as one JSON object per line on
//! stderr, for `run`, `eval`, `check`, `parse` and the batch REPL, run on
//! the real binary. Every line is parsed with `serde_json` and held to the
//! schema of `docs/guide/json-diagnostics.md`; exit statuses are those of
//! the text format; the output for `tests/json/*.expr` is snapshot-tested
//! (`snapshots/json/`).

mod common;

use serde_json::Value;

/// Runs calc with `args` (plus `--error-format=json`) on `input`; returns
/// the exit status, stdout and the parsed stderr lines. Also checks that
/// the text format gives the same status.
fn json_run(args: &[&str], input: &str) -> (i32, String, Vec<Value>) {
    let mut with = vec!["--error-format=json"];
    with.extend_from_slice(args);
    let out = common::calc_stdin(&with, input.as_bytes());
    let text = common::calc_stdin(args, input.as_bytes());
    let status = out.status.code().expect("calc exits");
    assert_eq!(
        Some(status),
        text.status.code(),
        "{args:?}: the exit status changed"
    );
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    let lines = stderr
        .lines()
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
            check_schema(&v);
            v
        })
        .collect();
    (
        status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        lines,
    )
}

/// Holds one object to schema 1.
fn check_schema(v: &Value) {
    assert_eq!(v["schema"], 1, "{v}");
    let code = v["code"].as_str().expect("code");
    assert!(
        code.len() == 5 && (code.starts_with('E') || code.starts_with('W')),
        "{v}"
    );
    assert!(
        matches!(v["severity"].as_str(), Some("error" | "warning")),
        "{v}"
    );
    assert!(v["message"].is_string(), "{v}");
    assert!(v["file"].is_string() || v["file"].is_null(), "{v}");
    assert!(v["help"].is_string() || v["help"].is_null(), "{v}");
    assert!(
        v["notes"]
            .as_array()
            .is_some_and(|n| n.iter().all(Value::is_string)),
        "{v}"
    );
    assert!(
        v["trace"]
            .as_array()
            .is_some_and(|n| n.iter().all(Value::is_string)),
        "{v}"
    );
    let spans = std::iter::once(&v["primary"])
        .filter(|p| !p.is_null())
        .chain(v["secondary"].as_array().expect("secondary").iter());
    for s in spans {
        let start = s["start"].as_u64().expect("start");
        assert!(s["end"].as_u64().expect("end") >= start, "{v}");
        for k in ["line", "column", "end_line", "end_column"] {
            assert!(s[k].as_u64().is_some_and(|n| n >= 1), "{k} in {v}");
        }
        assert!(s["label"].is_string() || s["label"].is_null(), "{v}");
    }
}

fn pretty(lines: &[Value]) -> String {
    lines
        .iter()
        .map(|v| serde_json::to_string_pretty(v).expect("printable") + "\n")
        .collect()
}

#[test]
fn check_reports_type_errors_as_json_lines() {
    let src = "let n: Int = \"x\";\nlet s = \"é\" ++ 1;\nn + true\n";
    let (status, _, lines) = json_run(&["check", "-"], src);
    assert_eq!(status, 1);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines.iter().all(|l| l["file"] == "-"));
}

/// `calc run` on each `tests/json/*.expr`, its JSON lines pretty-printed.
#[test]
fn json_lines_match_their_snapshots() {
    insta::with_settings!({snapshot_path => "../snapshots/json", prepend_module_to_snapshot => false}, {
        insta::glob!("json/*.expr", |path| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let file = path.strip_prefix(root).expect("a case in the repository");
            let file = file.to_str().expect("a UTF-8 path");
            let (status, _, lines) = json_run(&["run", file], "");
            assert!(status == 1 || status == 3, "{file}: status {status}");
            insta::assert_snapshot!("json", pretty(&lines));
        });
    });
}

#[test]
fn columns_count_unicode_scalar_values() {
    let (_, _, lines) = json_run(&["check", "-"], "let s = \"éé\"; s + 1");
    let p = &lines[0]["primary"];
    assert_eq!(p["line"], 1);
    let start = p["start"].as_u64().unwrap() as usize;
    let src = "let s = \"éé\"; s + 1";
    assert_eq!(
        p["column"].as_u64().unwrap() as usize,
        src[..start].chars().count() + 1
    );
}

#[test]
fn parse_reports_syntax_errors_and_still_dumps() {
    let (status, stdout, lines) = json_run(&["parse", "-"], "let x = ;\nlet y = (1, 2");
    assert_eq!(status, 1);
    assert!(stdout.starts_with("Program"), "{stdout}");
    let codes: Vec<_> = lines.iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["E0101", "E0106"]);
}

#[test]
fn run_reports_a_runtime_error_with_its_call_trace() {
    let src = "fn down(n: Int) -> Int = if n == 0 { 1 / n } else { down(n - 1) + 1 };\ndown(3)\n";
    let (status, _, lines) = json_run(&["run", "-"], src);
    assert_eq!(status, 3);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["code"], "E0401");
    let trace = lines[0]["trace"].as_array().expect("a trace");
    assert!(trace.len() >= 3, "{trace:?}");
}

#[test]
fn eval_reports_warnings_and_errors() {
    let (status, stdout, lines) = json_run(&["eval", "match 1 { _ => 0, 1 => 2 }"], "");
    assert_eq!(status, 0);
    assert_eq!(stdout, "0\n");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["severity"], "warning");
    let (status, _, lines) = json_run(&["eval", "1 + \"a\""], "");
    assert_eq!(status, 1);
    assert_eq!(lines[0]["file"], "<eval>");
    let (status, _, lines) = json_run(&["eval", "1 + #"], "");
    assert_eq!(status, 1);
    assert_eq!(lines[0]["code"], "E0002");
}

#[test]
fn the_batch_repl_reports_each_line_as_json() {
    let (status, stdout, lines) = json_run(&["repl"], "let x = 1;\nx + \"a\"\n1 / 0\nx + 1\n");
    assert_eq!(status, 3);
    assert!(stdout.contains('2'), "{stdout}");
    let files: Vec<_> = lines.iter().map(|l| l["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["<stdin:2>", "<stdin:3>"]);
}

#[test]
fn invalid_utf8_and_fmt_refusals_are_json_too() {
    let (status, _, lines) = json_run(&["check", "-"], "");
    assert_eq!((status, lines.len()), (0, 0));
    let out = common::calc_stdin(&["--error-format=json", "check", "-"], b"1 + \xff");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stderr).expect("one JSON object");
    assert_eq!(v["code"], "E0001");
    let (status, _, lines) = json_run(&["fmt", "-"], "let = 1;");
    assert_eq!(status, 1);
    assert_eq!(lines[0]["code"], "E0101");
}
