// try-runtime checks on the running network's live state (issue 14, item 17).
//
// The regulator's archive node runs with `--wasm-runtime-overrides` pointing at the same runtime
// built with the `try-runtime` feature (`scripts/build-runtime-variant.sh try-runtime`), so it
// answers the `TryRuntime` API on real chain state:
//   - `TryRuntime_on_runtime_upgrade(All)` = try-runtime-cli's `on-runtime-upgrade --checks=all`:
//     every pallet's `on_runtime_upgrade` with `pre_upgrade`/`post_upgrade`, then `try_state` of
//     every pallet;
//   - `TryRuntime_execute_block(block, state_root_check, signature_check, All)` on the finalized
//     head: the block re-executed on its parent's state, then `try_state` of every pallet.
// A failing check panics in the runtime, which the RPC returns as an error: the test fails.
// Returns 0 on success.
const UPGRADE_CHECK_SELECT_ALL = 1; // frame_try_runtime::UpgradeCheckSelect::All
const TRY_STATE_SELECT_ALL = 1; // frame_support::traits::TryStateSelect::All

async function run(nodeName, networkInfo, _args) {
	const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
	const api = await zombie.connect(wsUri, userDefinedTypes);
	const { u8aConcat, u8aToHex } = require("@polkadot/util");

	const head = await api.rpc.chain.getFinalizedHead();
	const upgrade = await api.rpc.state.call(
		"TryRuntime_on_runtime_upgrade",
		u8aToHex(new Uint8Array([UPGRADE_CHECK_SELECT_ALL])),
		head,
	);
	const [used, limit] = api.createType("(Weight, Weight)", upgrade);
	console.log(`try-runtime: on-runtime-upgrade --checks=all at ${head}: ok, weight ${used} of ${limit}`);

	const { block } = await api.rpc.chain.getBlock(head);
	const args = u8aConcat(block.toU8a(), new Uint8Array([1, 1, TRY_STATE_SELECT_ALL]));
	const executed = await api.rpc.state.call("TryRuntime_execute_block", u8aToHex(args), block.header.parentHash);
	console.log(
		`try-runtime: execute-block #${block.header.number} (state root and signatures checked, try_state all): ok, weight ${api.createType("Weight", executed)}`,
	);
	await api.disconnect();
	return 0;
}

module.exports = { run };
