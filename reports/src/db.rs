//! The index database: SQLite (a file, no server) or PostgreSQL (a URL), through one portable
//! schema and sqlx's `Any` driver, so both backends run the same statements.
//!
//! Tables:
//! - `meta`: the chain's genesis hash, the schema version and the last indexed block;
//! - `blocks`: every finalized block (number, hash, parent, timestamp, spec version);
//! - `extrinsics`: every extrinsic (index, hash, pallet, call, signer, arguments, success);
//! - `events`: every event (index, the extrinsic that caused it, phase, pallet, name, fields);
//! - `series`: the coupon series that existed at genesis (they have no `SeriesCreated`).
//!
//! Amounts are stored inside the JSON fields as decimal strings (see [`crate::decode`]), so no
//! 128-bit value is truncated by a database's 64-bit integers.

use crate::{error::context, fail, Error, Result};
use serde_json::Value as Json;
use sqlx::{
	any::{AnyPoolOptions, AnyRow},
	AnyPool, Row,
};
use std::path::PathBuf;

/// The schema this version writes and reads.
pub const SCHEMA: &str = "1";

const TABLES: &[&str] = &[
	"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
	"CREATE TABLE IF NOT EXISTS blocks (number BIGINT PRIMARY KEY, hash TEXT NOT NULL, \
	 parent TEXT NOT NULL, timestamp_ms BIGINT NOT NULL, spec_version BIGINT NOT NULL)",
	"CREATE TABLE IF NOT EXISTS extrinsics (block BIGINT NOT NULL, idx BIGINT NOT NULL, \
	 hash TEXT NOT NULL, pallet TEXT NOT NULL, call TEXT NOT NULL, signer TEXT, \
	 args TEXT NOT NULL, success BIGINT NOT NULL, PRIMARY KEY (block, idx))",
	"CREATE TABLE IF NOT EXISTS events (block BIGINT NOT NULL, idx BIGINT NOT NULL, \
	 extrinsic BIGINT, phase TEXT NOT NULL, pallet TEXT NOT NULL, name TEXT NOT NULL, \
	 fields TEXT NOT NULL, PRIMARY KEY (block, idx))",
	"CREATE INDEX IF NOT EXISTS events_by_name ON events (pallet, name, block)",
	"CREATE INDEX IF NOT EXISTS blocks_by_time ON blocks (timestamp_ms)",
	"CREATE TABLE IF NOT EXISTS series (id BIGINT PRIMARY KEY, issuer TEXT NOT NULL, \
	 face_value TEXT NOT NULL, issue_price TEXT NOT NULL, minted BIGINT NOT NULL)",
];

/// Where the index lives, from the `--db` argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
	/// A SQLite file (`path`, or `sqlite:path`).
	Sqlite(PathBuf),
	/// A PostgreSQL server (`postgres://…` or `postgresql://…`).
	Postgres(String),
}

impl Location {
	/// Reads a `--db` argument.
	pub fn parse(arg: &str) -> Location {
		if arg.starts_with("postgres://") || arg.starts_with("postgresql://") {
			Location::Postgres(arg.to_string())
		} else {
			let path = arg.strip_prefix("sqlite://").or(arg.strip_prefix("sqlite:")).unwrap_or(arg);
			Location::Sqlite(PathBuf::from(path))
		}
	}

	/// Whether there is nothing there yet (a SQLite file that does not exist).
	pub fn is_absent(&self) -> bool {
		matches!(self, Location::Sqlite(path) if !path.exists())
	}
}

/// A block as indexed: everything written for it in one database transaction.
#[derive(Clone, Debug, Default)]
pub struct BlockRecord {
	/// Block number.
	pub number: u64,
	/// Block hash (`0x` hex).
	pub hash: String,
	/// Parent hash.
	pub parent: String,
	/// `Timestamp.set` of the block, ms since the Unix epoch (0 for genesis).
	pub timestamp_ms: u64,
	/// The runtime's spec version at this block.
	pub spec_version: u32,
	/// Its extrinsics.
	pub extrinsics: Vec<ExtrinsicRecord>,
	/// Its events.
	pub events: Vec<EventRecord>,
	/// Series that exist at this block without a `SeriesCreated` event (genesis only).
	pub series: Vec<SeriesRecord>,
}

/// An extrinsic as indexed.
#[derive(Clone, Debug, Default)]
pub struct ExtrinsicRecord {
	/// Index in the block.
	pub index: u32,
	/// Extrinsic hash.
	pub hash: String,
	/// Pallet name.
	pub pallet: String,
	/// Call name.
	pub call: String,
	/// Signer (`0x` hex) when signed.
	pub signer: Option<String>,
	/// Call arguments.
	pub args: Json,
	/// Whether it dispatched successfully (`System.ExtrinsicSuccess`).
	pub success: bool,
}

/// An event as indexed.
#[derive(Clone, Debug, Default)]
pub struct EventRecord {
	/// Index in the block's events.
	pub index: u32,
	/// The extrinsic that caused it, if one did.
	pub extrinsic: Option<u32>,
	/// `ApplyExtrinsic`, `Initialization` or `Finalization`.
	pub phase: String,
	/// Pallet name.
	pub pallet: String,
	/// Event name.
	pub name: String,
	/// Its fields (see [`crate::decode`]).
	pub fields: Json,
}

/// A series known from genesis state.
#[derive(Clone, Debug, Default)]
pub struct SeriesRecord {
	/// Series id.
	pub id: u64,
	/// Issuer (`0x` hex).
	pub issuer: String,
	/// Face value of a unit.
	pub face_value: u128,
	/// Issue price of a unit.
	pub issue_price: u128,
	/// Units minted at genesis.
	pub minted: u64,
}

/// A stored event with where it sits on chain.
#[derive(Clone, Debug)]
pub struct StoredEvent {
	/// Block number.
	pub block: u64,
	/// Block hash.
	pub block_hash: String,
	/// Block timestamp (ms).
	pub timestamp_ms: u64,
	/// Event index in the block.
	pub index: u32,
	/// Extrinsic index, if an extrinsic caused it.
	pub extrinsic: Option<u32>,
	/// Pallet name.
	pub pallet: String,
	/// Event name.
	pub name: String,
	/// Fields.
	pub fields: Json,
}

/// Which events to read.
#[derive(Clone, Debug, Default)]
pub struct Filter<'a> {
	/// Only this pallet and event name.
	pub event: Option<(&'a str, &'a str)>,
	/// Only blocks with a timestamp in `[from, to)` (ms).
	pub time: Option<(u64, u64)>,
	/// Only blocks up to this number.
	pub up_to_block: Option<u64>,
	/// Only events whose fields mention this text (an account's hex).
	pub mentions: Option<&'a str>,
}

/// An open index.
pub struct Db {
	pool: AnyPool,
	sqlite: bool,
}

fn int(n: u64) -> Result<i64> {
	i64::try_from(n).map_err(|_| Error(format!("{n} does not fit the database's integers")))
}

fn uint(n: i64) -> u64 {
	u64::try_from(n).unwrap_or(0)
}

impl Db {
	/// Opens the index at `location`. A SQLite file is created only when `create` is set; a file
	/// or database that is not a `genex-reports` index (or is corrupt) is an error, and nothing is
	/// written to it.
	pub async fn open(location: &Location, create: bool) -> Result<Db> {
		sqlx::any::install_default_drivers();
		let url = match location {
			Location::Sqlite(path) => {
				if !create && !path.exists() {
					fail!("no index at {}: run `genex-reports index` first", path.display());
				}
				let mode = if create { "rwc" } else { "rw" };
				format!("sqlite://{}?mode={mode}", path.display())
			},
			Location::Postgres(url) => url.clone(),
		};
		let shown = match location {
			Location::Sqlite(path) => path.display().to_string(),
			Location::Postgres(_) => "the PostgreSQL database".to_string(),
		};
		// One connection for the pool's life: SQLite's per-connection settings stay in force.
		let pool = AnyPoolOptions::new()
			.max_connections(1)
			.idle_timeout(None)
			.max_lifetime(None)
			.connect(&url)
			.await
			.map_err(context(&format!("cannot open {shown}")))?;
		let db = Db { pool, sqlite: matches!(location, Location::Sqlite(_)) };
		db.check_schema(location, &shown).await?;
		Ok(db)
	}

	async fn check_schema(&self, location: &Location, shown: &str) -> Result<()> {
		let tables_sql = match location {
			Location::Sqlite(_) => "SELECT name FROM sqlite_master WHERE type = 'table'",
			Location::Postgres(_) => {
				"SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
				 WHERE table_schema = current_schema()"
			},
		};
		let rows = sqlx::query(tables_sql)
			.fetch_all(&self.pool)
			.await
			.map_err(context(&format!("{shown} is not a readable database")))?;
		let names: Vec<String> = rows.iter().filter_map(|r| r.try_get("name").ok()).collect();
		if names.is_empty() {
			return Ok(());
		}
		if !names.iter().any(|n| n == "meta") {
			fail!("{shown} is not a genex-reports index (it has other tables and no `meta`)");
		}
		match self.meta("schema").await? {
			Some(v) if v == SCHEMA => Ok(()),
			Some(v) => fail!("{shown} has index schema {v}; this genex-reports reads {SCHEMA}"),
			None => fail!("{shown} is not a genex-reports index (no schema version)"),
		}
	}

	/// Creates the tables if they do not exist. On SQLite, also switches the file to
	/// write-ahead logging with `synchronous = NORMAL`: a crash can lose the last blocks
	/// written, never corrupt the file, and the next run indexes them again.
	pub async fn create_schema(&self) -> Result<()> {
		if self.sqlite {
			for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"] {
				sqlx::query(pragma)
					.fetch_all(&self.pool)
					.await
					.map_err(context("cannot configure the SQLite file"))?;
			}
		}
		let mut tx = self.pool.begin().await.map_err(context("cannot start a transaction"))?;
		for sql in TABLES {
			sqlx::query(sql)
				.execute(&mut *tx)
				.await
				.map_err(context("cannot create the schema"))?;
		}
		upsert_meta(&mut tx, "schema", SCHEMA).await?;
		tx.commit().await.map_err(context("cannot create the schema"))
	}

	/// A `meta` value; `None` when unset or the index is empty.
	pub async fn meta(&self, key: &str) -> Result<Option<String>> {
		let row = sqlx::query("SELECT value FROM meta WHERE key = $1")
			.bind(key.to_string())
			.fetch_optional(&self.pool)
			.await;
		match row {
			Ok(row) => Ok(row.and_then(|r| r.try_get::<String, _>("value").ok())),
			// An empty database has no `meta` table yet; any other error is one.
			Err(sqlx::Error::Database(e))
				if e.message().contains("no such table")
					|| e.message().contains("does not exist") =>
			{
				Ok(None)
			},
			Err(e) => Err(Error::new("cannot read the index", e)),
		}
	}

	/// The genesis hash the index was built from.
	pub async fn genesis(&self) -> Result<Option<String>> {
		self.meta("genesis").await
	}

	/// The last block indexed.
	pub async fn last_block(&self) -> Result<Option<u64>> {
		Ok(self.meta("last_block").await?.and_then(|v| v.parse().ok()))
	}

	/// Writes `block` and moves `last_block` to it, in one transaction; rows already there are
	/// kept (a re-run adds nothing twice).
	pub async fn store(&self, genesis: &str, block: &BlockRecord) -> Result<()> {
		let what = format!("cannot store block #{}", block.number);
		let number = int(block.number)?;
		let mut tx = self.pool.begin().await.map_err(context(&what))?;
		// The block must continue the indexed chain (checked inside the transaction that
		// writes it).
		if let Some(parent) = block.number.checked_sub(1) {
			let row = sqlx::query("SELECT hash FROM blocks WHERE number = $1")
				.bind(int(parent)?)
				.fetch_optional(&mut *tx)
				.await
				.map_err(context(&what))?;
			let indexed: Option<String> = row.and_then(|r| r.try_get("hash").ok());
			if let Some(indexed) = indexed.filter(|h| *h != block.parent) {
				fail!(
					"wrong chain: block #{} does not follow the indexed block #{parent} ({indexed})",
					block.number
				);
			}
		}
		sqlx::query(
			"INSERT INTO blocks (number, hash, parent, timestamp_ms, spec_version) \
			 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
		)
		.bind(number)
		.bind(block.hash.clone())
		.bind(block.parent.clone())
		.bind(int(block.timestamp_ms)?)
		.bind(i64::from(block.spec_version))
		.execute(&mut *tx)
		.await
		.map_err(context(&what))?;
		for x in &block.extrinsics {
			sqlx::query(
				"INSERT INTO extrinsics (block, idx, hash, pallet, call, signer, args, success) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
			)
			.bind(number)
			.bind(i64::from(x.index))
			.bind(x.hash.clone())
			.bind(x.pallet.clone())
			.bind(x.call.clone())
			.bind(x.signer.clone())
			.bind(x.args.to_string())
			.bind(i64::from(x.success))
			.execute(&mut *tx)
			.await
			.map_err(context(&what))?;
		}
		for e in &block.events {
			sqlx::query(
				"INSERT INTO events (block, idx, extrinsic, phase, pallet, name, fields) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
			)
			.bind(number)
			.bind(i64::from(e.index))
			.bind(e.extrinsic.map(i64::from))
			.bind(e.phase.clone())
			.bind(e.pallet.clone())
			.bind(e.name.clone())
			.bind(e.fields.to_string())
			.execute(&mut *tx)
			.await
			.map_err(context(&what))?;
		}
		for s in &block.series {
			sqlx::query(
				"INSERT INTO series (id, issuer, face_value, issue_price, minted) \
				 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
			)
			.bind(int(s.id)?)
			.bind(s.issuer.clone())
			.bind(s.face_value.to_string())
			.bind(s.issue_price.to_string())
			.bind(int(s.minted)?)
			.execute(&mut *tx)
			.await
			.map_err(context(&what))?;
		}
		upsert_meta(&mut tx, "genesis", genesis).await?;
		upsert_meta(&mut tx, "last_block", &block.number.to_string()).await?;
		tx.commit().await.map_err(context(&what))
	}

	/// Events matching `filter`, in chain order.
	pub async fn events(&self, filter: &Filter<'_>) -> Result<Vec<StoredEvent>> {
		let mut sql = String::from(
			"SELECT e.block, b.hash, b.timestamp_ms, e.idx, e.extrinsic, e.pallet, e.name, \
			 e.fields FROM events e JOIN blocks b ON b.number = e.block WHERE 1 = 1",
		);
		let mut texts: Vec<String> = Vec::new();
		let mut ints: Vec<i64> = Vec::new();
		// Placeholders are numbered in the order they appear: texts first, then integers.
		let mut n: u32 = 0;
		let mut next = || {
			n = n.saturating_add(1);
			format!("${n}")
		};
		if let Some((pallet, name)) = filter.event {
			sql += &format!(" AND e.pallet = {} AND e.name = {}", next(), next());
			texts.push(pallet.to_string());
			texts.push(name.to_string());
		}
		if let Some(text) = filter.mentions {
			sql += &format!(" AND e.fields LIKE {}", next());
			texts.push(format!("%{text}%"));
		}
		if let Some((from, to)) = filter.time {
			sql += &format!(" AND b.timestamp_ms >= {} AND b.timestamp_ms < {}", next(), next());
			ints.push(int(from)?);
			ints.push(int(to)?);
		}
		if let Some(up_to) = filter.up_to_block {
			sql += &format!(" AND e.block <= {}", next());
			ints.push(int(up_to)?);
		}
		sql += " ORDER BY e.block, e.idx";
		let mut query = sqlx::query(&sql);
		for t in texts {
			query = query.bind(t);
		}
		for i in ints {
			query = query.bind(i);
		}
		let rows = query.fetch_all(&self.pool).await.map_err(context("cannot read events"))?;
		rows.iter().map(stored_event).collect()
	}

	/// Genesis series (id → record).
	pub async fn genesis_series(&self) -> Result<Vec<SeriesRecord>> {
		let rows = sqlx::query("SELECT id, issuer, face_value, issue_price, minted FROM series")
			.fetch_all(&self.pool)
			.await
			.map_err(context("cannot read series"))?;
		Ok(rows
			.iter()
			.map(|r| SeriesRecord {
				id: uint(r.try_get("id").unwrap_or_default()),
				issuer: r.try_get("issuer").unwrap_or_default(),
				face_value: text_u128(r, "face_value"),
				issue_price: text_u128(r, "issue_price"),
				minted: uint(r.try_get("minted").unwrap_or_default()),
			})
			.collect())
	}

	/// The extrinsic at (`block`, `index`): pallet, call and signer.
	pub async fn extrinsic(
		&self,
		block: u64,
		index: u32,
	) -> Result<Option<(String, String, Option<String>)>> {
		let row = sqlx::query(
			"SELECT pallet, call, signer FROM extrinsics WHERE block = $1 AND idx = $2",
		)
		.bind(int(block)?)
		.bind(i64::from(index))
		.fetch_optional(&self.pool)
		.await
		.map_err(context("cannot read extrinsics"))?;
		Ok(row.map(|r| {
			(
				r.try_get("pallet").unwrap_or_default(),
				r.try_get("call").unwrap_or_default(),
				r.try_get::<Option<String>, _>("signer").ok().flatten(),
			)
		}))
	}

	/// The stored timestamp (ms) of block `number`.
	pub async fn block_time(&self, number: u64) -> Result<Option<u64>> {
		let row = sqlx::query("SELECT timestamp_ms FROM blocks WHERE number = $1")
			.bind(int(number)?)
			.fetch_optional(&self.pool)
			.await
			.map_err(context("cannot read blocks"))?;
		Ok(row.and_then(|r| r.try_get::<i64, _>("timestamp_ms").ok()).map(uint))
	}

	/// The stored hash of block `number`.
	pub async fn block_hash(&self, number: u64) -> Result<Option<String>> {
		let row = sqlx::query("SELECT hash FROM blocks WHERE number = $1")
			.bind(int(number)?)
			.fetch_optional(&self.pool)
			.await
			.map_err(context("cannot read blocks"))?;
		Ok(row.and_then(|r| r.try_get("hash").ok()))
	}

	/// Number of rows in `table` (for tests and the progress line).
	pub async fn count(&self, table: &str) -> Result<u64> {
		if !["blocks", "extrinsics", "events", "series"].contains(&table) {
			fail!("no table {table}");
		}
		let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
			.fetch_one(&self.pool)
			.await
			.map_err(context("cannot count rows"))?;
		Ok(uint(row.try_get("n").unwrap_or_default()))
	}

	/// The block with the highest number whose timestamp is before `ms` (the block an account's
	/// history "at a date" is read at).
	pub async fn block_before(&self, ms: u64) -> Result<Option<u64>> {
		let row = sqlx::query(
			"SELECT number FROM blocks WHERE timestamp_ms < $1 ORDER BY number DESC LIMIT 1",
		)
		.bind(int(ms)?)
		.fetch_optional(&self.pool)
		.await
		.map_err(context("cannot read blocks"))?;
		Ok(row.map(|r| uint(r.try_get("number").unwrap_or_default())))
	}

	/// Closes the pool. On SQLite the write-ahead log is first checkpointed into the database
	/// file and truncated, so the file alone holds the index once this returns (a copy of it is
	/// complete, and the next open has nothing to replay into it).
	pub async fn close(self) {
		if self.sqlite {
			// Best effort: a failed checkpoint leaves the log for the next open to replay.
			let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await;
		}
		self.pool.close().await;
	}
}

async fn upsert_meta(
	tx: &mut sqlx::Transaction<'_, sqlx::Any>,
	key: &str,
	value: &str,
) -> Result<()> {
	sqlx::query(
		"INSERT INTO meta (key, value) VALUES ($1, $2) \
		 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	)
	.bind(key.to_string())
	.bind(value.to_string())
	.execute(&mut **tx)
	.await
	.map(|_| ())
	.map_err(context("cannot write the index's meta"))
}

fn text_u128(row: &AnyRow, column: &str) -> u128 {
	row.try_get::<String, _>(column).ok().and_then(|t| t.parse().ok()).unwrap_or(0)
}

fn stored_event(row: &AnyRow) -> Result<StoredEvent> {
	let fields: String = row.try_get("fields").map_err(context("cannot read an event"))?;
	Ok(StoredEvent {
		block: uint(row.try_get("block").map_err(context("cannot read an event"))?),
		block_hash: row.try_get("hash").map_err(context("cannot read an event"))?,
		timestamp_ms: uint(row.try_get("timestamp_ms").map_err(context("cannot read an event"))?),
		index: u32::try_from(row.try_get::<i64, _>("idx").unwrap_or_default()).unwrap_or(0),
		extrinsic: row
			.try_get::<Option<i64>, _>("extrinsic")
			.ok()
			.flatten()
			.and_then(|x| u32::try_from(x).ok()),
		pallet: row.try_get("pallet").map_err(context("cannot read an event"))?,
		name: row.try_get("name").map_err(context("cannot read an event"))?,
		fields: serde_json::from_str(&fields).map_err(context("an event's fields are corrupt"))?,
	})
}
