//! One error type: a single line that says what failed and why, printed by the CLI before it
//! exits non-zero.

use std::fmt;

/// What went wrong, as one line for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

/// This crate's result.
pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		// One line: nested causes (subxt, sqlx) may span lines.
		let text = self.0.split_whitespace().collect::<Vec<_>>().join(" ");
		f.write_str(&text)
	}
}

impl std::error::Error for Error {}

impl Error {
	/// An error from `what` and its cause.
	pub fn new(what: impl fmt::Display, cause: impl fmt::Display) -> Error {
		Error(format!("{what}: {cause}"))
	}
}

/// `map_err(context("reading blocks"))`: prefixes a cause with what was being done.
pub fn context<E: fmt::Display>(what: &str) -> impl FnOnce(E) -> Error + '_ {
	move |cause| Error::new(what, cause)
}

/// Returns early with a formatted [`Error`].
#[macro_export]
macro_rules! fail {
	($($arg:tt)*) => {
		return Err($crate::Error(format!($($arg)*)))
	};
}
