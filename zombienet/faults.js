// Kill, restart and wiped-database faults under a steady load (issue 17).
//
//   alice: js-script ./faults.js with "load,SECS"       start loadgen.js against alice for SECS s
//   alice: js-script ./faults.js with "mark,NAME"       note in the load log that phase NAME begins
//   <node>: js-script ./faults.js with "wipe"           delete <node>'s database (node paused)
//   <node>: js-script ./faults.js with "catchup,SECS"   1 once <node>'s finalized head reaches
//                                                       alice's (prints how long it took)
//   <node>: js-script ./faults.js with "authors,SECS"   1 once <node> authors a block
//   alice: js-script ./faults.js with "check,SECS"      wait for the load to end, then 1 when
//     every transfer alice reported in a finalized block is in the finalized chain of every
//     node, at the same height and hash; no transfer was lost; every node has every block up to
//     the finalized head, the same as alice's. Prints the finality lag of each phase.
//
// scripts/zombienet.sh sets GENEX_ZOMBIE_WORK (the network's directory is $GENEX_ZOMBIE_WORK/net).
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");

const work = () => process.env.GENEX_ZOMBIE_WORK || fail("GENEX_ZOMBIE_WORK is not set");
const loadFile = () => path.join(work(), "load.jsonl");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(msg) {
	throw new Error(`faults: ${msg}`);
}

function readLoad() {
	if (!fs.existsSync(loadFile())) return [];
	return fs
		.readFileSync(loadFile(), "utf8")
		.split("\n")
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l));
}

async function finalized(api) {
	const head = await api.rpc.chain.getFinalizedHead();
	return (await api.rpc.chain.getHeader(head)).number.toNumber();
}

// Directories named like a database under the node's base path (paritydb, db).
function databases(dir) {
	const found = [];
	const walk = (d) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			if (!e.isDirectory()) continue;
			const p = path.join(d, e.name);
			if (["paritydb", "db"].includes(e.name) && d.split(path.sep).includes("chains")) found.push(p);
			else walk(p);
		}
	};
	if (fs.existsSync(dir)) walk(dir);
	return found;
}

// Largest finality lag (best − finalized) and longest time the finalized head stood still, per
// phase of the load log.
function lagReport(lines) {
	const phases = [];
	let cur = { name: "steady", maxLag: 0, maxStallMs: 0, from: null };
	let lastFin = null;
	let lastMove = null;
	for (const l of lines) {
		if (l.kind === "mark") {
			phases.push(cur);
			cur = { name: l.name, maxLag: 0, maxStallMs: 0, from: l.t };
		} else if (l.kind === "lag") {
			cur.maxLag = Math.max(cur.maxLag, l.best - l.finalized);
			if (lastFin === null || l.finalized > lastFin) {
				lastFin = l.finalized;
				lastMove = l.t;
			}
			cur.maxStallMs = Math.max(cur.maxStallMs, l.t - lastMove);
		}
	}
	phases.push(cur);
	return phases;
}

async function check(networkInfo, secs) {
	const deadline = Date.now() + secs * 1000;
	let lines = readLoad();
	while (!lines.some((l) => l.kind === "done" || l.kind === "fatal") && Date.now() < deadline) {
		await sleep(2000);
		lines = readLoad();
	}
	const done = lines.find((l) => l.kind === "done");
	if (!done) fail(`the load did not finish: ${JSON.stringify(lines.filter((l) => l.kind === "fatal"))}`);
	const finals = lines.filter((l) => l.kind === "final");
	const lost = lines.filter((l) => l.kind === "lost");
	const apis = {};
	for (const [name, node] of Object.entries(networkInfo.nodesByName)) {
		apis[name] = await zombie.connect(node.wsUri, node.userDefinedTypes);
	}
	const alice = apis.alice;
	let ok = lost.length === 0 && done.open === 0 && finals.length === done.sent;
	if (!ok) console.log(`faults: sent ${done.sent}, finalized ${finals.length}, lost ${lost.length}, open ${done.open}`);
	// Every finalized transfer: same block at the same height on every node, and in it.
	const byBlock = {};
	for (const f of finals) (byBlock[f.block] = byBlock[f.block] || []).push(f.tx);
	for (const [hash, txs] of Object.entries(byBlock)) {
		const number = (await alice.rpc.chain.getHeader(hash)).number.toNumber();
		for (const [name, api] of Object.entries(apis)) {
			const at = (await api.rpc.chain.getBlockHash(number)).toHex();
			if (at !== hash || (await finalized(api)) < number) {
				console.log(`faults: ${name} has ${at} at #${number}, not the finalized ${hash}`);
				ok = false;
			}
		}
		const xts = (await apis.regulator.rpc.chain.getBlock(hash)).block.extrinsics.map((x) => x.hash.toHex());
		for (const tx of txs) {
			if (!xts.includes(tx)) {
				console.log(`faults: ${tx} is not in block ${hash}`);
				ok = false;
			}
		}
	}
	// Every node has every block up to the lowest finalized head, the same as alice's.
	const heads = {};
	for (const [name, api] of Object.entries(apis)) heads[name] = await finalized(api);
	const upTo = Math.min(...Object.values(heads));
	for (let n = 1; n <= upTo; n++) {
		const want = (await alice.rpc.chain.getBlockHash(n)).toHex();
		for (const [name, api] of Object.entries(apis)) {
			const got = (await api.rpc.chain.getBlockHash(n)).toHex();
			if (got !== want) {
				console.log(`faults: ${name} #${n} is ${got}, alice's is ${want}`);
				ok = false;
			}
		}
	}
	const latency = finals.map((f) => f.t - f.submitted).sort((a, b) => a - b);
	const pct = (p) => latency[Math.min(latency.length - 1, Math.floor((p / 100) * latency.length))];
	console.log(
		`faults: ${finals.length} of ${done.sent} transfers finalized, ${lost.length} lost; ` +
			`submit→finalized p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${latency[latency.length - 1]} ms; ` +
			`blocks 1..#${upTo} identical on ${Object.keys(apis).length} nodes (finalized heads ${JSON.stringify(heads)})`,
	);
	for (const p of lagReport(lines)) {
		console.log(`faults: phase ${p.name}: finality lag up to ${p.maxLag} blocks, finalized head still for up to ${p.maxStallMs} ms`);
	}
	for (const api of Object.values(apis)) await api.disconnect();
	return ok ? 1 : 0;
}

// The Aura slot of a header (its pre-runtime digest), or null.
function auraSlot(api, header) {
	for (const log of header.digest.logs) {
		if (log.isPreRuntime) {
			const [engine, data] = log.asPreRuntime;
			if (engine.toString() === "aura") return api.registry.createType("u64", data).toBigInt();
		}
	}
	return null;
}

async function authors(nodeName, networkInfo, secs) {
	const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
	const api = await zombie.connect(wsUri, userDefinedTypes);
	const { Keyring } = require("@polkadot/api");
	const key = new Keyring({ type: "sr25519" }).addFromUri(`//${nodeName[0].toUpperCase()}${nodeName.slice(1)}`);
	const authorities = (await api.query.aura.authorities()).map((a) => a.toHex());
	const me = authorities.indexOf(`0x${Buffer.from(key.publicKey).toString("hex")}`);
	if (me < 0) fail(`${nodeName} is not an Aura authority`);
	const start = (await api.rpc.chain.getHeader()).number.toNumber();
	const deadline = Date.now() + secs * 1000;
	let result = 0;
	let n = start + 1;
	while (Date.now() < deadline && !result) {
		const best = (await api.rpc.chain.getHeader()).number.toNumber();
		for (; n <= best && !result; n++) {
			const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
			const slot = auraSlot(api, header);
			if (slot !== null && Number(slot % BigInt(authorities.length)) === me) {
				console.log(`faults: ${nodeName} authored #${n} (slot ${slot})`);
				result = 1;
			}
		}
		if (!result) await sleep(1000);
	}
	await api.disconnect();
	return result;
}

// The finalized height through raw JSON-RPC: a node syncing from an empty database answers
// before it has the blocks a full API client would decorate itself from.
async function rawFinalized(provider) {
	const head = await provider.send("chain_getFinalizedHead", []);
	const header = await provider.send("chain_getHeader", [head]);
	return parseInt(header.number, 16);
}

async function catchup(nodeName, networkInfo, secs) {
	const { WsProvider } = require("@polkadot/api");
	const t0 = Date.now();
	const a = networkInfo.nodesByName.alice;
	const alice = await zombie.connect(a.wsUri, a.userDefinedTypes);
	const target = await finalized(alice);
	await alice.disconnect();
	const provider = new WsProvider(networkInfo.nodesByName[nodeName].wsUri, 1000);
	let result = 0;
	let height = null;
	while (Date.now() - t0 < secs * 1000) {
		try {
			await provider.isReady;
			height = await rawFinalized(provider);
			if (height >= target) {
				result = 1;
				break;
			}
		} catch (e) {
			// Restarting or still opening its database: ask again.
		}
		await sleep(500);
	}
	const ms = Date.now() - t0;
	console.log(`faults: ${nodeName} reached alice's finalized #${target} in ${ms} ms (at #${height}) → ${result}`);
	fs.appendFileSync(loadFile(), JSON.stringify({ kind: "recovered", node: nodeName, ms, t: Date.now() }) + "\n");
	await provider.disconnect();
	return result;
}

async function run(nodeName, networkInfo, args) {
	const [mode, arg] = args;
	switch (mode) {
		case "load": {
			const { wsUri } = networkInfo.nodesByName[nodeName];
			const child = spawn(process.execPath, [path.join(__dirname, "loadgen.js"), wsUri, arg, loadFile()], {
				detached: true,
				stdio: "ignore",
				cwd: __dirname,
			});
			child.unref();
			return 1;
		}
		case "mark":
			fs.appendFileSync(loadFile(), JSON.stringify({ kind: "mark", name: arg, t: Date.now() }) + "\n");
			return 1;
		case "wipe": {
			const dbs = databases(path.join(work(), "net", nodeName));
			for (const d of dbs) fs.rmSync(d, { recursive: true, force: true });
			console.log(`faults: wiped ${dbs.join(", ")}`);
			return dbs.length > 0 ? 1 : 0;
		}
		case "catchup":
			return catchup(nodeName, networkInfo, Number(arg));
		case "authors":
			return authors(nodeName, networkInfo, Number(arg));
		case "check":
			return check(networkInfo, Number(arg));
		default:
			fail(`unknown mode ${mode}`);
	}
}

module.exports = { run };
