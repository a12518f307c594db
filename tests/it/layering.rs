//! The rules of the code map, checked: the text model and the analysis know nothing of the
//! protocol, the runtime or the outside world.

use std::fs;
use std::path::Path;

const FORBIDDEN_IN_CORE: &[&str] = &[
    "tower_lsp",
    "lsp_types",
    "ls_types",
    "tokio",
    "serde",
    "std::fs",
    "std::io",
    "println!",
    "print!",
    "eprintln!",
    "crate::lsp",
    "crate::cli",
];

fn rust_files(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn text_and_analysis_know_nothing_of_the_protocol_or_io() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("text"), &mut files);
    rust_files(&root.join("analysis"), &mut files);
    assert!(
        files.len() >= 5,
        "expected the text and analysis modules under src/"
    );
    let mut violations = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).unwrap_or_default();
        for (number, line) in source.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for forbidden in FORBIDDEN_IN_CORE {
                if code.contains(forbidden) {
                    violations.push(format!("{}:{}: {forbidden}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "layering violations:\n{}",
        violations.join("\n")
    );
}

#[test]
fn cli_and_lsp_do_not_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (dir, sibling) in [("cli", "crate::lsp"), ("lsp", "crate::cli")] {
        let mut files = Vec::new();
        rust_files(&root.join(dir), &mut files);
        for file in files {
            let source = fs::read_to_string(&file).unwrap_or_default();
            assert!(
                !source.contains(sibling),
                "{} imports {sibling}",
                file.display()
            );
        }
    }
}
