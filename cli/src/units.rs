//! What people type and read, and what the chain stores: amounts (`12.50 GUSD`, 12 decimals),
//! dates (`2027-12-31`, milliseconds since the Unix epoch on chain) and accounts (SS58, `0x`
//! hex, or a development secret URI such as `//Bob` naming its public account).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use genex_primitives::{Balance, DECIMALS, UNIT};
use genex_reports::{fail, Error, Result};
use polkadot_sdk::sp_core::{
	crypto::{AccountId32, Pair as _, Ss58AddressFormat, Ss58Codec},
	sr25519,
};

/// The two currencies an amount can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
	/// The settlement stablecoin (asset 1).
	Gusd,
	/// The native token (fees, deposits).
	Gnx,
}

impl Currency {
	/// Its symbol.
	pub fn symbol(self) -> &'static str {
		match self {
			Currency::Gusd => "GUSD",
			Currency::Gnx => "GNX",
		}
	}
}

/// `text` (`12.5`, `12.50 GUSD`, `0.000001 GNX`) in the smallest unit (12 decimals). A symbol,
/// if written, must be `expected`'s.
pub fn parse_amount(text: &str, expected: Currency) -> Result<Balance> {
	let mut parts = text.split_whitespace();
	let number = parts.next().unwrap_or_default();
	if let Some(symbol) = parts.next() {
		if !symbol.eq_ignore_ascii_case(expected.symbol()) {
			fail!("{text:?}: the amount must be in {}, not {symbol}", expected.symbol());
		}
	}
	if parts.next().is_some() || number.is_empty() {
		fail!("{text:?} is not an amount (write e.g. \"12.50 {}\")", expected.symbol());
	}
	let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
	let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
	if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
		fail!("{text:?} is not an amount (write e.g. \"12.50 {}\")", expected.symbol());
	}
	if fraction.len() > usize::from(DECIMALS) {
		fail!("{text:?} has more than {DECIMALS} decimals");
	}
	let too_large = || Error(format!("{text:?} is too large an amount"));
	let whole: Balance = whole.parse().map_err(|_| too_large())?;
	let padded = format!("{fraction:0<width$}", width = usize::from(DECIMALS));
	let fraction: Balance = padded.parse().map_err(|_| too_large())?;
	whole.checked_mul(UNIT).and_then(|w| w.checked_add(fraction)).ok_or_else(too_large)
}

/// `amount` (smallest unit) as `12.5 GUSD`: trailing zeros of the decimals dropped, at least
/// two decimals for GUSD.
pub fn format_amount(amount: Balance, currency: Currency) -> String {
	let whole = amount.checked_div(UNIT).unwrap_or_default();
	let fraction = amount.checked_rem(UNIT).unwrap_or_default();
	let digits = format!("{fraction:0width$}", width = usize::from(DECIMALS));
	let keep = match currency {
		Currency::Gusd => 2,
		Currency::Gnx => 0,
	};
	let trimmed = digits.trim_end_matches('0');
	let shown = if trimmed.len() >= keep { trimmed } else { digits.get(..keep).unwrap_or("") };
	if shown.is_empty() {
		format!("{whole} {}", currency.symbol())
	} else {
		format!("{whole}.{shown} {}", currency.symbol())
	}
}

/// `text` as milliseconds since the Unix epoch: a date (`2027-12-31`, midnight UTC), a date
/// and time (`2027-12-31T18:00:00Z`, RFC 3339) or a number of milliseconds.
pub fn parse_time(text: &str) -> Result<u64> {
	let ms = if let Ok(ms) = text.parse::<u64>() {
		return Ok(ms);
	} else if let Ok(t) = DateTime::parse_from_rfc3339(text) {
		t.timestamp_millis()
	} else if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
		let midnight = d.and_hms_opt(0, 0, 0).unwrap_or(NaiveDateTime::MIN);
		Utc.from_utc_datetime(&midnight).timestamp_millis()
	} else {
		fail!("{text:?} is not a date (write 2027-12-31, 2027-12-31T18:00:00Z or milliseconds)");
	};
	u64::try_from(ms).map_err(|_| Error(format!("{text:?} is before 1970")))
}

/// Milliseconds since the Unix epoch as an RFC 3339 time (UTC, to the second).
pub fn format_time(ms: u64) -> String {
	i64::try_from(ms)
		.ok()
		.and_then(DateTime::<Utc>::from_timestamp_millis)
		.map_or_else(|| format!("{ms} ms"), |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// `text` as an account: SS58, `0x` and 64 hex digits, or a development secret URI starting
/// with `//` (`//Bob`: Bob's public account; only the public key is used).
pub fn parse_account(text: &str) -> Result<AccountId32> {
	if let Some(hex_text) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex_text).unwrap_or_default();
		return <[u8; 32]>::try_from(bytes.as_slice())
			.map(AccountId32::from)
			.map_err(|_| Error(format!("{text:?} is not an account: 0x and 64 hex digits")));
	}
	if text.starts_with("//") {
		return sr25519::Pair::from_string(text, None)
			.map(|pair| AccountId32::from(pair.public()))
			.map_err(|_| Error(format!("{text:?} is not a development key URI")));
	}
	AccountId32::from_ss58check(text)
		.map_err(|_| Error(format!("{text:?} is not an account (SS58 address, 0x hex or //Name)")))
}

/// `account` in the chain's SS58 form.
pub fn show_account(account: &AccountId32) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(genex_runtime::SS58_PREFIX))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_parse_with_or_without_their_symbol() {
		assert_eq!(parse_amount("12.50 GUSD", Currency::Gusd), Ok(12_500_000_000_000));
		assert_eq!(parse_amount("12.5", Currency::Gusd), Ok(12_500_000_000_000));
		assert_eq!(parse_amount("7 gusd", Currency::Gusd), Ok(7 * UNIT));
		assert_eq!(parse_amount("0.000000000001", Currency::Gnx), Ok(1));
	}

	#[test]
	fn bad_amounts_are_refused_with_the_reason() {
		let refused = |text: &str| parse_amount(text, Currency::Gusd).unwrap_err().0;
		assert!(refused("12,50").contains("not an amount"));
		assert!(refused("1.2.3").contains("not an amount"));
		assert!(refused("-1").contains("not an amount"));
		assert!(refused("").contains("not an amount"));
		assert!(refused(".5").contains("not an amount"));
		assert!(refused("5 GNX").contains("must be in GUSD"));
		assert!(refused("1.0000000000001").contains("more than 12 decimals"));
		assert!(refused("340282366920938463463374607431768211455").contains("too large"));
	}

	#[test]
	fn amounts_read_back() {
		assert_eq!(format_amount(12_500_000_000_000, Currency::Gusd), "12.50 GUSD");
		assert_eq!(format_amount(45 * UNIT, Currency::Gusd), "45.00 GUSD");
		assert_eq!(format_amount(1, Currency::Gusd), "0.000000000001 GUSD");
		assert_eq!(format_amount(3 * UNIT, Currency::Gnx), "3 GNX");
		assert_eq!(format_amount(1_234_500_000_000, Currency::Gnx), "1.2345 GNX");
		for amount in [0, 1, 99, UNIT, 12_345_678_901_234_567] {
			let text = format_amount(amount, Currency::Gusd);
			assert_eq!(parse_amount(&text, Currency::Gusd), Ok(amount), "{text}");
		}
	}

	#[test]
	fn times_parse_as_dates_instants_or_milliseconds() {
		assert_eq!(parse_time("1970-01-02"), Ok(86_400_000));
		assert_eq!(parse_time("2027-12-31T18:00:00Z"), Ok(1_830_276_000_000));
		assert_eq!(parse_time("1830276000000"), Ok(1_830_276_000_000));
		assert_eq!(format_time(1_830_276_000_000), "2027-12-31T18:00:00Z");
		assert!(parse_time("31/12/2027").unwrap_err().0.contains("not a date"));
	}

	#[test]
	fn accounts_parse_in_every_form() {
		let bob = parse_account("//Bob").expect("dev URI");
		assert_eq!(parse_account(&show_account(&bob)), Ok(bob.clone()));
		let raw: [u8; 32] = bob.clone().into();
		assert_eq!(parse_account(&format!("0x{}", hex::encode(raw))), Ok(bob));
		assert!(parse_account("0x1234").unwrap_err().0.contains("64 hex digits"));
		assert!(parse_account("bob").unwrap_err().0.contains("not an account"));
	}
}
