//! One static HTML page per report (no scripts, no network): the summary figures and inline SVG
//! bar charts of volume by series and by issuer, redemptions, breakage and fees.

use crate::{
	decode::{gusd, ss58},
	report::{iso, platform::Report, Period},
};

fn escape(text: &str) -> String {
	text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A horizontal bar chart of `(label, value)` in GUSD.
fn bars(title: &str, rows: &[(String, u128)]) -> String {
	const WIDTH: u128 = 420;
	const ROW: usize = 22;
	let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
	let height = rows.len().saturating_mul(ROW).saturating_add(10);
	let mut svg = format!(
		"<h3>{}</h3><svg width=\"760\" height=\"{height}\" role=\"img\" aria-label=\"{0}\">",
		escape(title)
	);
	if rows.is_empty() {
		return format!("<h3>{}</h3><p>nothing in this period</p>", escape(title));
	}
	for (i, (label, value)) in rows.iter().enumerate() {
		let y = i.saturating_mul(ROW);
		let w = value.saturating_mul(WIDTH).checked_div(max).unwrap_or(0);
		svg += &format!(
			"<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>\
			 <rect x=\"150\" y=\"{y}\" width=\"{w}\" height=\"16\" fill=\"#3b6ea5\"/>\
			 <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
			y.saturating_add(13),
			escape(label),
			w.saturating_add(156),
			y.saturating_add(13),
			gusd(*value),
		);
	}
	svg + "</svg>"
}

fn short(account: &str) -> String {
	let s = ss58(account);
	if s.len() > 14 {
		format!(
			"{}…{}",
			s.get(..6).unwrap_or_default(),
			s.get(s.len().saturating_sub(6)..).unwrap_or_default()
		)
	} else if s.is_empty() {
		"unknown".to_string()
	} else {
		s
	}
}

/// The page for `report`.
pub fn page(kind: &str, period: &Period, r: &Report) -> String {
	let series_label =
		|id: &u64| if *id == u64::MAX { "unknown".to_string() } else { format!("series {id}") };
	let volume: Vec<(String, u128)> = r
		.series
		.iter()
		.map(|(id, s)| (series_label(id), s.primary_value.saturating_add(s.secondary_value())))
		.collect();
	let by_issuer: Vec<(String, u128)> = r
		.issuers
		.iter()
		.map(|(who, i)| (short(who), i.primary_value.saturating_add(i.secondary_value)))
		.collect();
	let redeemed: Vec<(String, u128)> =
		r.series.iter().map(|(id, s)| (series_label(id), s.redeemed_face)).collect();
	let breakage: Vec<(String, u128)> = r
		.series
		.iter()
		.filter(|(_, s)| s.breakage > 0)
		.map(|(id, s)| (series_label(id), s.breakage))
		.collect();
	let fees: Vec<(String, u128)> = r
		.series
		.iter()
		.filter(|(_, s)| s.market_fees > 0)
		.map(|(id, s)| (series_label(id), s.market_fees))
		.collect();
	let trades: u64 = r.series.values().map(|s| s.auctions.saturating_add(s.listing_trades)).sum();
	let summary = [
		("blocks", r.blocks.map(|(a, b)| format!("#{a} – #{b}")).unwrap_or_else(|| "none".into())),
		(
			"stablecoin transfers",
			format!("{} ({} GUSD)", r.stablecoin_transfers.0, gusd(r.stablecoin_transfers.1)),
		),
		("coupon transfers", format!("{} ({} units)", r.coupon_transfers.0, r.coupon_transfers.1)),
		("trades (auctions that traded, listing purchases)", trades.to_string()),
		("market fees (GUSD)", gusd(r.market_fees)),
		("transaction fees (native token GNX)", gusd(r.transaction_fees)),
		(
			"complete (index reaches the period's end)",
			if r.complete(period) { "yes".into() } else { "no: partial".into() },
		),
		("CTR entries", format!("{} ({} GUSD)", r.ctr.0, gusd(r.ctr.1))),
		("SAR candidates", r.suspicious.values().sum::<u64>().to_string()),
		(
			"KYC attestations (new or renewed)",
			r.kyc.iter().map(|(l, n)| format!("{l}: {n}")).collect::<Vec<_>>().join(", "),
		),
		("sanctioned accounts", r.sanctioned.len().to_string()),
		("AML-restricted accounts", r.restricted.len().to_string()),
	];
	let rows: String = summary
		.iter()
		.map(|(k, v)| format!("<tr><th>{}</th><td>{}</td></tr>", escape(k), escape(v)))
		.collect();
	let rates: String = r
		.issuers
		.iter()
		.map(|(who, i)| {
			let rate = i
				.redemption_rate_bps()
				.map(|b| format!("{}.{:02} %", b / 100, b % 100))
				.unwrap_or_else(|| "–".into());
			format!(
				"<tr><td>{}</td><td>{}</td><td>{}</td><td>{rate}</td></tr>",
				escape(&ss58(who)),
				i.issued_total,
				i.redeemed_total
			)
		})
		.collect();
	format!(
		"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
		 <title>Genex Chain {kind} report {name}</title>\
		 <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}\
		 th,td{{border:1px solid #ccc;padding:4px 8px;text-align:left}}</style></head><body>\
		 <h1>Genex Chain {kind} report: {name}</h1><p>{from} to {to} (UTC), finalized blocks \
		 only.</p><table>{rows}</table>{v}{i}{red}{brk}{fee}\
		 <h3>Redemption rate per issuer (since genesis)</h3><table><tr><th>issuer</th>\
		 <th>units issued</th><th>units redeemed</th><th>rate</th></tr>{rates}</table>\
		 </body></html>\n",
		kind = escape(kind),
		name = escape(&period.name),
		from = iso(period.from_ms),
		to = iso(period.to_ms),
		v = bars("Value traded by series (primary + secondary), GUSD", &volume),
		i = bars("Value traded by issuer, GUSD", &by_issuer),
		red = bars("Face value redeemed by series, GUSD", &redeemed),
		brk = bars("Breakage by series, GUSD", &breakage),
		fee = bars("Market fee income by series, GUSD", &fees),
	)
}
