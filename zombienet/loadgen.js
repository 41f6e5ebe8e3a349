// Steady load for the fault tests (issue 17), run as its own process by `load.js start`.
//
//   node loadgen.js <ws-uri> <seconds> <out.jsonl>
//
// Dave sends Eve a small native transfer every 400 ms (2.5 per second) through the node at
// <ws-uri> and writes one JSON line per event to <out.jsonl>:
//   {kind: "final", tx, block, submitted, t}  the transfer is in a finalized block
//   {kind: "lost", tx, status, t}             dropped, invalid or usurped
//   {kind: "lag", t, best, finalized}         the node's heads, every 500 ms
//   {kind: "done", sent, t}                   every transfer has an outcome (or 90 s passed)
const fs = require("fs");
const { ApiPromise, WsProvider, Keyring } = require("@polkadot/api");

const PERIOD_MS = 400;
const DRAIN_MS = 90 * 1000;

async function main() {
	const [ws, secs, out] = process.argv.slice(2);
	const log = (o) => fs.appendFileSync(out, JSON.stringify(o) + "\n");
	const api = await ApiPromise.create({ provider: new WsProvider(ws), noInitWarn: true });
	const keyring = new Keyring({ type: "sr25519" });
	const dave = keyring.addFromUri("//Dave");
	const eve = keyring.addFromUri("//Eve").address;
	let nonce = (await api.rpc.system.accountNextIndex(dave.address)).toNumber();
	const sampler = setInterval(async () => {
		try {
			const best = (await api.rpc.chain.getHeader()).number.toNumber();
			const head = await api.rpc.chain.getFinalizedHead();
			const finalized = (await api.rpc.chain.getHeader(head)).number.toNumber();
			log({ kind: "lag", t: Date.now(), best, finalized });
		} catch (e) {
			log({ kind: "error", t: Date.now(), error: String(e) });
		}
	}, 500);
	let sent = 0;
	let open = 0;
	const end = Date.now() + Number(secs) * 1000;
	while (Date.now() < end) {
		const tx = api.tx.balances.transferKeepAlive(eve, 1_000_000_000n);
		const submitted = Date.now();
		open++;
		sent++;
		try {
			const unsub = await tx.signAndSend(dave, { nonce: nonce++ }, ({ status }) => {
				const txh = tx.hash.toHex();
				if (status.isFinalized) {
					log({ kind: "final", tx: txh, block: status.asFinalized.toHex(), submitted, t: Date.now() });
				} else if (status.isDropped || status.isInvalid || status.isUsurped) {
					log({ kind: "lost", tx: txh, status: status.type, t: Date.now() });
				} else {
					return;
				}
				open--;
				unsub();
			});
		} catch (e) {
			open--;
			log({ kind: "lost", tx: tx.hash.toHex(), status: String(e), t: Date.now() });
		}
		await new Promise((r) => setTimeout(r, PERIOD_MS));
	}
	const drainEnd = Date.now() + DRAIN_MS;
	while (open > 0 && Date.now() < drainEnd) await new Promise((r) => setTimeout(r, 500));
	clearInterval(sampler);
	log({ kind: "done", sent, open, t: Date.now() });
	await api.disconnect();
	process.exit(0);
}

main().catch((e) => {
	fs.appendFileSync(process.argv[4], JSON.stringify({ kind: "fatal", error: String(e), t: Date.now() }) + "\n");
	process.exit(1);
});
