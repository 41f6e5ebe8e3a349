//! What a results file says about the run besides its figures: the date, the commit, the machine
//! and the node. Read at run time from git, `/proc` and the node binary, each with a fallback
//! (`"unknown"` or `null`), so a run never fails for want of them.

use serde_json::{json, Value};
use std::{
	fs,
	path::{Path, PathBuf},
	process::{Command, Stdio},
	time::{SystemTime, UNIX_EPOCH},
};

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn utc_date() -> String {
	let days = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() / 86_400);
	let (y, m, d) = civil_from_days(days.unwrap_or(0));
	format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of day `days` after 1970-01-01 (H. Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
	// Shift the epoch to 0000-03-01: leap days then fall at the end of a year.
	let z = days + 719_468;
	let era = z / 146_097;
	let doe = z - era * 146_097; // [0, 146096]
	let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
	let mp = (5 * doy + 2) / 153; // March = 0
	let d = doy - (153 * mp + 2) / 5 + 1;
	let m = if mp < 10 { mp + 3 } else { mp - 9 };
	let y = yoe + era * 400 + u64::from(m <= 2);
	(y, m, d)
}

/// `git args…` in `dir`: its trimmed stdout, if it succeeded.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
	let out =
		Command::new("git").arg("-C").arg(dir).args(args).stderr(Stdio::null()).output().ok()?;
	if !out.status.success() {
		return None;
	}
	Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The commit of the source this tool was built from (else of the current directory) and
/// whether tracked files differ from it: `("<sha>", Some(dirty))`, or `("unknown", None)`.
pub fn commit() -> (String, Option<bool>) {
	let dirs = [PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from(".")];
	for dir in &dirs {
		if let Some(sha) = git(dir, &["rev-parse", "HEAD"]).filter(|s| !s.is_empty()) {
			let dirty =
				git(dir, &["status", "--porcelain", "--untracked-files=no"]).map(|s| !s.is_empty());
			return (sha, dirty);
		}
	}
	("unknown".to_string(), None)
}

/// The value of the first `key : value` line of a `/proc` file whose key is `key`.
fn proc_field(text: &str, key: &str) -> Option<String> {
	text.lines().find_map(|line| {
		let (k, v) = line.split_once(':')?;
		(k.trim() == key).then(|| v.trim().to_string())
	})
}

/// CPUs this process may use, memory, operating system and CPU model.
pub fn machine() -> Value {
	let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
	let memory_gib = fs::read_to_string("/proc/meminfo")
		.ok()
		.and_then(|t| proc_field(&t, "MemTotal"))
		.and_then(|v| v.trim_end_matches("kB").trim().parse::<u64>().ok())
		.map(|kib| (kib as f64 / 1_048_576.0 * 10.0).round() / 10.0);
	let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
	// x86 says `model name`; some ARM kernels only `Hardware` or nothing.
	let cpu_model = proc_field(&cpuinfo, "model name")
		.or_else(|| proc_field(&cpuinfo, "Hardware"))
		.unwrap_or_else(|| "unknown".to_string());
	let distro = fs::read_to_string("/etc/os-release").ok().and_then(|t| {
		let name = t.lines().find_map(|l| l.strip_prefix("PRETTY_NAME="))?;
		Some(name.trim_matches('"').to_string())
	});
	let kernel =
		fs::read_to_string("/proc/sys/kernel/osrelease").ok().map(|k| k.trim().to_string());
	let os = match (distro, kernel) {
		(Some(d), Some(k)) => format!("{d} (Linux {k})"),
		(Some(d), None) => d,
		(None, Some(k)) => format!("Linux {k}"),
		(None, None) => std::env::consts::OS.to_string(),
	};
	json!({
		"cpus": cpus,
		"memory_gib": memory_gib,
		"os": os,
		"cpu_model": cpu_model,
		"arch": std::env::consts::ARCH,
	})
}

/// The node binary, what its `--version` says (it carries the node's commit) and the
/// arguments passed on to it (`--node-arg`).
pub fn node(bin: &Path, args: &[String]) -> Value {
	let version = Command::new(bin)
		.arg("--version")
		.stderr(Stdio::null())
		.output()
		.ok()
		.filter(|o| o.status.success())
		.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
	json!({ "binary": bin.display().to_string(), "version": version, "args": args })
}

/// Write `text` to `dir/<date>.json`, or `dir/<date>-2.json`, `-3`, … if that exists: a second
/// run on the same day does not overwrite the first. Returns the path written.
pub fn write_report(dir: &Path, date: &str, text: &str) -> Result<PathBuf, String> {
	fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
	let mut path = dir.join(format!("{date}.json"));
	let mut n = 2;
	while path.exists() {
		path = dir.join(format!("{date}-{n}.json"));
		n += 1;
	}
	fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
	Ok(path)
}

#[cfg(test)]
mod tests {
	use super::civil_from_days;

	#[test]
	fn dates_from_days() {
		assert_eq!(civil_from_days(0), (1970, 1, 1));
		assert_eq!(civil_from_days(11_016), (2000, 2, 29));
		assert_eq!(civil_from_days(11_017), (2000, 3, 1));
		assert_eq!(civil_from_days(19_782), (2024, 2, 29));
		assert_eq!(civil_from_days(20_780), (2026, 11, 23));
	}
}
