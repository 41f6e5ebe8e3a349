// Runtime upgrade through governance, on the running network (issue 14, item 1).
//
// 1. A council motion passed by 3 of 4 members (the ¾ super-majority that reaches Root)
//    dispatches `governance.dispatchAsRoot(system.authorizeUpgrade(hash))` for the Wasm built by
//    `scripts/build-runtime-variant.sh next` (the same runtime with `spec_version + 1`).
// 2. Anyone submits the code: `system.applyAuthorizedUpgrade(code)`, unsigned and free.
// 3. Every node (the four validators and the regulator's archive node) reports the new
//    `spec_version`, keeps importing and finalizing blocks built with it, and a signed
//    transaction made for the new version is included.
//
// Returns the number of versions the chain moved forward (1 on success).
const fs = require("fs");
const { u8aToHex } = require("@polkadot/util");

const TIMEOUT_MS = 240 * 1000;

function fail(msg) {
	throw new Error(`upgrade: ${msg}`);
}

// Submits a transaction; resolves with its events once in a block (or finalized), rejects on any
// dispatch error.
function submit(api, tx, signer) {
	return new Promise((resolve, reject) => {
		const onStatus = ({ status, events, dispatchError }) => {
			if (dispatchError) {
				const detail = dispatchError.isModule
					? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(dispatchError.asModule))
					: dispatchError.toString();
				reject(new Error(`${tx.method.section}.${tx.method.method} failed: ${detail}`));
			} else if (status.isInBlock || status.isFinalized) {
				// The fork-aware pool may report a transaction finalized without reporting it in a
				// block first (seen for the runtime upgrade itself, finalized within a second).
				resolve(events.map(({ event }) => event));
			} else if (status.isInvalid || status.isDropped || status.isUsurped) {
				reject(new Error(`${tx.method.section}.${tx.method.method}: ${status.type}`));
			}
		};
		(signer ? tx.signAndSend(signer, onStatus) : tx.send(onStatus)).catch(reject);
	});
}

function find(events, section, method) {
	return events.find((e) => e.section === section && e.method === method);
}

async function until(what, check) {
	const deadline = Date.now() + TIMEOUT_MS;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

async function run(nodeName, networkInfo, _args) {
	const wasmPath = process.env.GENEX_NEXT_WASM || fail("GENEX_NEXT_WASM is not set");
	const code = new Uint8Array(fs.readFileSync(wasmPath));
	const names = Object.keys(networkInfo.nodesByName);
	const apis = {};
	for (const name of names) {
		const { wsUri, userDefinedTypes } = networkInfo.nodesByName[name];
		apis[name] = await zombie.connect(wsUri, userDefinedTypes);
	}
	const api = apis[nodeName];
	const keyring = new zombie.Keyring({ type: "sr25519" });
	const [alice, bob, charlie, dave] = ["//Alice", "//Bob", "//Charlie", "//Dave"].map((s) =>
		keyring.addFromUri(s),
	);
	const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
	const codeHash = zombie.util.blake2AsHex(code, 256);
	console.log(`upgrade: spec ${before} → code ${codeHash} (${code.length} bytes) from ${wasmPath}`);

	// 1. The motion: Alice proposes, the members vote aye (a proposal carries no vote of its
	//    proposer), Alice closes.
	const proposal = api.tx.governance.dispatchAsRoot(api.tx.system.authorizeUpgrade(codeHash));
	const lengthBound = proposal.method.encodedLength;
	const members = (await api.query.council.members()).length;
	const threshold = Math.ceil((members * 3) / 4);
	const proposed = find(
		await submit(api, api.tx.council.propose(threshold, proposal, lengthBound), alice),
		"council",
		"Proposed",
	) || fail("no council.Proposed event");
	const index = proposed.data[1];
	const hash = proposed.data[2];
	for (const voter of [alice, bob, charlie].slice(0, threshold)) {
		await submit(api, api.tx.council.vote(hash, index, true), voter);
	}
	const { weight } = await api.call.transactionPaymentCallApi.queryCallInfo(proposal, lengthBound);
	const closed = await submit(api, api.tx.council.close(hash, index, weight, lengthBound), alice);
	const dispatched = find(closed, "governance", "DispatchedAsRoot") || fail("no governance.DispatchedAsRoot");
	if (!dispatched.data[1].isOk) fail(`dispatchAsRoot failed: ${dispatched.data[1].toString()}`);
	find(closed, "system", "UpgradeAuthorized") || fail("no system.UpgradeAuthorized");
	console.log(`upgrade: motion ${index} passed by ${threshold} of ${members}; upgrade authorized`);

	// 2. The code, unsigned.
	// As hex: a Uint8Array argument would be read as already SCALE-encoded (length-prefixed).
	const applied = await submit(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)));
	find(applied, "system", "CodeUpdated") || fail("no system.CodeUpdated");
	const upgradedAt = (await api.rpc.chain.getHeader()).number.toNumber();
	console.log(`upgrade: code updated in block ≈ ${upgradedAt}`);

	// 3. Every node runs the new version and finalizes past the upgrade.
	for (const name of names) {
		const node = apis[name];
		await until(`${name} to finalize 3 blocks after the upgrade with spec ${before + 1}`, async () => {
			const finalized = await node.rpc.chain.getFinalizedHead();
			const header = await node.rpc.chain.getHeader(finalized);
			const version = await node.rpc.state.getRuntimeVersion(finalized);
			return header.number.toNumber() >= upgradedAt + 3 && version.specVersion.toNumber() === before + 1;
		});
		console.log(`upgrade: ${name} finalized past block ${upgradedAt + 3} on spec ${before + 1}`);
	}

	// A signed transaction for the new version (a fresh connection reads the new metadata).
	const fresh = await zombie.connect(networkInfo.nodesByName[nodeName].wsUri);
	if (fresh.runtimeVersion.specVersion.toNumber() !== before + 1) fail("new connection sees the old version");
	await submit(fresh, fresh.tx.system.remark("0x75706772616465"), dave);
	console.log("upgrade: a signed transaction was included on the new runtime");

	const after = (await fresh.rpc.state.getRuntimeVersion()).specVersion.toNumber();
	for (const a of [...Object.values(apis), fresh]) await a.disconnect();
	return after - before;
}

module.exports = { run };
