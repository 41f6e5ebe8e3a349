//! Command line of `genex-node`.

use polkadot_sdk::sc_cli;

/// Subcommands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys (session keys, node keys).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Export the chain specification of `--chain` (a preset name or a file) as JSON.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Runtime benchmarks (build with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(polkadot_sdk::frame_benchmarking_cli::BenchmarkCmd),

	/// Db meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// `genex-node` arguments.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A subcommand; none runs the node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Node options (`--chain`, `--validator`, `--rpc-port`, `--pruning`, ...).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}
