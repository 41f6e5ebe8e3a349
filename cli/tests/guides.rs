//! The guides in `docs/guides/` are terminal sessions; this test runs every one against a fresh
//! dev node and checks each command's output, so the guides cannot drift from the code.
//!
//! What the runner reads in a guide (Markdown):
//!
//! - A fenced block tagged `console` is a session: a line starting with `$ ` is a command
//!   (continued on the next line after a trailing ` \`); the lines up to the next command are
//!   its expected output.
//! - A fenced block tagged with a language and `file=NAME` (e.g. `toml file=series.toml`) is
//!   written to `NAME` in the session's directory before the commands that follow it run.
//!
//! How outputs are compared: line by line, trailing spaces ignored. In an expected line `…`
//! matches any text (block numbers, hashes, times); a line that is only `…` matches any number
//! of lines. The command's standard output is compared, followed by its `error:` line when it
//! fails; a command is expected to fail exactly when its expected output has an `error:` line.
//! Progress lines (stderr) are not compared.
//!
//! Commands run with `sh` in a fresh directory, with `GENEX_URL` pointing at the node and this
//! build's `genex`, `genex-node` and `genex-reports` first on `PATH`.

// Tests fail by panicking and compute on small known values: the workspace's restriction
// lints (Cargo.toml) hold for the code under test, not for this test crate.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing
)]

#[path = "../../node/tests/common/mod.rs"]
mod common;

use common::Node;
use std::{
	path::{Path, PathBuf},
	process::Command,
};

/// One thing a guide does, in order.
#[derive(Debug, PartialEq)]
enum Item {
	/// Write a file into the session's directory.
	File { name: String, text: String },
	/// Run a command and compare its output.
	Run { line: usize, command: String, expected: Vec<String> },
}

/// The items of a guide's Markdown text.
fn parse(text: &str) -> Vec<Item> {
	let mut items = Vec::new();
	let mut lines = text.lines().enumerate().peekable();
	while let Some((_, line)) = lines.next() {
		let Some(info) = line.trim_start().strip_prefix("```") else { continue };
		let info = info.trim().to_string();
		let mut body = Vec::new();
		for (n, l) in lines.by_ref() {
			if l.trim_start().starts_with("```") {
				break;
			}
			body.push((n + 1, l.to_string()));
		}
		if info == "console" {
			let mut current: Option<(usize, String, Vec<String>)> = None;
			let mut continued = false;
			for (n, l) in body {
				if continued {
					let (_, command, _) = current.as_mut().expect("a command is open");
					continued = l.ends_with('\\');
					command.push(' ');
					command.push_str(l.trim_end_matches('\\').trim());
				} else if let Some(command) = l.strip_prefix("$ ") {
					if let Some((line, command, expected)) = current.take() {
						items.push(Item::Run { line, command, expected });
					}
					continued = command.ends_with('\\');
					current =
						Some((n, command.trim_end_matches('\\').trim().to_string(), Vec::new()));
				} else if let Some((_, _, expected)) = current.as_mut() {
					expected.push(l.trim_end().to_string());
				}
			}
			if let Some((line, command, expected)) = current {
				items.push(Item::Run { line, command, expected });
			}
		} else if let Some(name) = info.split_whitespace().find_map(|w| w.strip_prefix("file=")) {
			let text = body.into_iter().map(|(_, l)| l + "\n").collect();
			items.push(Item::File { name: name.to_string(), text });
		}
	}
	items
}

/// Whether `line` matches `pattern` (`…` matches any text).
fn line_matches(pattern: &str, line: &str) -> bool {
	let mut parts = pattern.split('…');
	let first = parts.next().unwrap_or_default();
	let Some(mut rest) = line.strip_prefix(first) else { return false };
	let parts: Vec<&str> = parts.collect();
	if parts.is_empty() {
		return rest.is_empty();
	}
	for (i, part) in parts.iter().enumerate() {
		if i == parts.len() - 1 {
			return rest.ends_with(part);
		}
		match rest.find(part) {
			Some(at) => rest = &rest[at + part.len()..],
			None => return false,
		}
	}
	true
}

/// Whether `lines` match `patterns` one to one, a pattern line of only `…` matching any number
/// of lines.
fn lines_match(patterns: &[String], lines: &[String]) -> bool {
	match patterns.split_first() {
		None => lines.is_empty(),
		Some((p, rest)) if p == "…" => (0..=lines.len()).any(|k| lines_match(rest, &lines[k..])),
		Some((p, rest)) => match lines.split_first() {
			Some((l, more)) => line_matches(p, l) && lines_match(rest, more),
			None => false,
		},
	}
}

/// The directory of this build's binaries (genex, genex-node, genex-reports).
fn bin_dir() -> PathBuf {
	Path::new(env!("CARGO_BIN_EXE_genex")).parent().expect("a directory").to_path_buf()
}

/// Run guide `name` (`docs/guides/NAME.md`) against a fresh dev node.
fn run_guide(name: &str) {
	let path = common::workspace().join("docs/guides").join(format!("{name}.md"));
	let text = std::fs::read_to_string(&path).expect("the guide exists");
	let items = parse(&text);
	assert!(
		items.iter().any(|i| matches!(i, Item::Run { .. })),
		"{name}.md has no console session"
	);
	let node = Node::start_finalized(&["--dev", "--tmp"]);
	let dir = std::env::temp_dir().join(format!("genex-guide-{name}-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).expect("a session directory");
	let path_var = format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap_or_default());
	let mut failures = Vec::new();
	for item in items {
		match item {
			Item::File { name, text } => std::fs::write(dir.join(name), text).expect("write"),
			Item::Run { line, command, expected } => {
				let out = Command::new("sh")
					.args(["-c", &command])
					.current_dir(&dir)
					.env("PATH", &path_var)
					.env("GENEX_URL", node.ws_url())
					.env_remove("GENEX_SURI")
					.output()
					.expect("sh runs");
				let stdout = String::from_utf8_lossy(&out.stdout);
				let stderr = String::from_utf8_lossy(&out.stderr);
				let mut got: Vec<String> =
					stdout.lines().map(|l| l.trim_end().to_string()).collect();
				got.extend(stderr.lines().filter(|l| l.starts_with("error:")).map(String::from));
				let should_fail = expected.iter().any(|l| l.starts_with("error:"));
				let status_ok = out.status.success() != should_fail;
				if !status_ok || !lines_match(&expected, &got) {
					failures.push(format!(
						"{name}.md:{line}: $ {command}\n  exit: {}\n  expected:\n    {}\n  got:\n    {}\n  stderr:\n    {}",
						out.status,
						expected.join("\n    "),
						got.join("\n    "),
						stderr.lines().collect::<Vec<_>>().join("\n    ")
					));
					// Later commands build on this one: stop the guide here.
					break;
				}
			},
		}
	}
	let _ = std::fs::remove_dir_all(&dir);
	assert!(failures.is_empty(), "the guide drifted from the code:\n{}", failures.join("\n"));
}

#[test]
fn the_runner_reads_sessions_files_and_wildcards() {
	let guide = "intro\n```toml file=a.toml\nx = 1\n```\n```console\n$ genex a \\\n  --b\nout …\n…\n$ genex c\nerror: …\n```\n```rust\nnot run\n```\n";
	assert_eq!(
		parse(guide),
		vec![
			Item::File { name: "a.toml".into(), text: "x = 1\n".into() },
			Item::Run {
				line: 6,
				command: "genex a --b".into(),
				expected: vec!["out …".into(), "…".into()]
			},
			Item::Run { line: 10, command: "genex c".into(), expected: vec!["error: …".into()] },
		]
	);
	assert!(line_matches("in block #… (0x…), finalized", "in block #12 (0xab), finalized"));
	assert!(!line_matches("in block #… (0x…)", "in block #12 (0xab), finalized"));
	assert!(line_matches("…", "anything"));
	assert!(!line_matches("exact", "exactly"));
	let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
	assert!(lines_match(&lines(&["a", "…", "d"]), &lines(&["a", "b", "c", "d"])));
	assert!(lines_match(&lines(&["a", "…"]), &lines(&["a"])));
	assert!(!lines_match(&lines(&["a", "d"]), &lines(&["a", "b", "d"])));
}

#[test]
fn guide_issuer() {
	run_guide("issuer");
}

#[test]
fn guide_holder() {
	run_guide("holder");
}

#[test]
fn guide_merchant() {
	run_guide("merchant");
}

#[test]
fn guide_compliance() {
	run_guide("compliance");
}

#[test]
fn guide_regulator() {
	run_guide("regulator");
}

#[test]
fn guide_validator() {
	run_guide("validator");
}
