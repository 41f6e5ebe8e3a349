//! The signing key: `--suri` (a development URI such as `//Alice`, or a mnemonic), `--key-file`
//! (a file holding the secret URI; keep it readable by its owner only), or the `GENEX_SURI`
//! environment variable, in that order. The secret is never printed: errors name where it came
//! from, not what it is.

use genex_reports::{fail, Error, Result};
use polkadot_sdk::sp_core::{crypto::Pair as _, sr25519};
use std::path::Path;

/// Where the key comes from.
pub struct KeySource<'a> {
	/// `--suri`.
	pub suri: Option<&'a str>,
	/// `--key-file`.
	pub key_file: Option<&'a Path>,
}

impl KeySource<'_> {
	/// The sr25519 key pair, or why there is none.
	pub fn pair(&self) -> Result<sr25519::Pair> {
		let (suri, from) = if let Some(suri) = self.suri {
			(suri.to_string(), "--suri".to_string())
		} else if let Some(path) = self.key_file {
			let text = std::fs::read_to_string(path)
				.map_err(|e| Error(format!("cannot read the key file {}: {e}", path.display())))?;
			(text, format!("the key file {}", path.display()))
		} else if let Ok(suri) = std::env::var("GENEX_SURI") {
			(suri, "GENEX_SURI".to_string())
		} else {
			fail!(
				"this command signs: give --suri //Alice (dev), --key-file FILE, or set GENEX_SURI"
			);
		};
		sr25519::Pair::from_string(suri.trim(), None)
			.map_err(|_| Error(format!("the key in {from} is not a valid secret URI or mnemonic")))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_bad_key_is_refused_without_echoing_it() {
		let source = KeySource { suri: Some("not a secret phrase at all"), key_file: None };
		let error = source.pair().err().expect("a bad key is refused").0;
		assert_eq!(error, "the key in --suri is not a valid secret URI or mnemonic");
		assert!(!error.contains("phrase"));
	}

	#[test]
	fn a_key_file_is_read_and_trimmed() {
		let path = std::env::temp_dir().join(format!("genex-cli-key-{}", std::process::id()));
		std::fs::write(&path, "//Alice\n").expect("write");
		let pair = KeySource { suri: None, key_file: Some(&path) }.pair().expect("key");
		let alice = sr25519::Pair::from_string("//Alice", None).expect("dev");
		assert_eq!(pair.public(), alice.public());
		let _ = std::fs::remove_file(&path);
	}
}
