//! Chain specifications: the built-in presets and JSON files.

use genex_runtime::{genesis_config_presets as presets, WASM_BINARY};
use polkadot_sdk::{sc_chain_spec::ChainType, sc_service};

/// The chain specification of Genex chains.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Names accepted by `--chain` besides a file path.
pub const BUILT_IN: &[&str] = &["dev", "local", "staging"];

fn properties() -> sc_service::Properties {
	let mut p = sc_service::Properties::new();
	p.insert("tokenSymbol".into(), genex_primitives::TOKEN_SYMBOL.into());
	p.insert("tokenDecimals".into(), genex_primitives::DECIMALS.into());
	p.insert("ss58Format".into(), genex_runtime::SS58_PREFIX.into());
	p
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"the runtime Wasm was not built (the node was built with SKIP_WASM_BUILD)".to_string()
	})?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `dev`: one validator (Alice) with sudo.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Genex Development",
		"genex_dev",
		ChainType::Development,
		presets::DEV_RUNTIME_PRESET,
	)
}

/// `local`: platform + bank-a + bank-b + bank-c validators, council governance.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Genex Local Testnet",
		"genex_local",
		ChainType::Local,
		presets::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// `staging`: the three-party network on staging keys.
pub fn staging_chain_spec() -> Result<ChainSpec, String> {
	from_preset("Genex Staging", "genex_staging", ChainType::Live, presets::STAGING_RUNTIME_PRESET)
}

/// Load `--chain`: a built-in name, or the path of a JSON chain spec.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec()?),
		"" | "local" => Box::new(local_chain_spec()?),
		"staging" => Box::new(staging_chain_spec()?),
		path => {
			let file = std::path::PathBuf::from(path);
			if !file.exists() {
				return Err(format!(
					"unknown chain `{path}`: not one of {} and no such file",
					BUILT_IN.join(", ")
				));
			}
			Box::new(
				ChainSpec::from_json_file(file)
					.map_err(|e| format!("invalid chain spec file `{path}`: {e}"))?,
			)
		},
	})
}
