// Finality under faults (issue 17), watched on one node while zndsl pauses and resumes others.
//
//   <node>: js-script ./finality.js with "advances,N,SECS" return is 1 within …
//     1 when the node's finalized head moves forward by at least N blocks within SECS seconds
//     and its best block stays ahead of it (blocks and finality continue);
//   <node>: js-script ./finality.js with "stalls,SECS" return is 1 within …
//     1 when, over SECS seconds, the node's best block moves forward but its finalized head
//     does not move by more than one block (more than a third of the voters are away:
//     GRANDPA must not finalize; the one block allows a round that completed as the fault
//     began).
//
// Both also check that every block finalized during the window is an ancestor of the next
// finalized head (no finalized fork: a block is never finalized twice at one height).
const POLL_MS = 500;

async function finalizedChain(api, from, to) {
	// Hashes of the canonical finalized chain from `from` to `to` (numbers), by height.
	const hashes = {};
	for (let n = from; n <= to; n++) hashes[n] = (await api.rpc.chain.getBlockHash(n)).toHex();
	return hashes;
}

async function run(nodeName, networkInfo, args) {
	const [mode, a, b] = args;
	const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
	const api = await zombie.connect(wsUri, userDefinedTypes);
	const finalizedNumber = async () => {
		const head = await api.rpc.chain.getFinalizedHead();
		return { hash: head.toHex(), number: (await api.rpc.chain.getHeader(head)).number.toNumber() };
	};
	const bestNumber = async () => (await api.rpc.chain.getHeader()).number.toNumber();

	const start = await finalizedNumber();
	const bestStart = await bestNumber();
	const seen = {}; // height -> finalized hash seen at that height
	seen[start.number] = start.hash;
	const secs = Number(mode === "advances" ? b : a);
	const deadline = Date.now() + secs * 1000;
	let result = 0;
	let last = start;
	while (Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, POLL_MS));
		last = await finalizedNumber();
		if (seen[last.number] && seen[last.number] !== last.hash) {
			console.log(`finality: ${nodeName} finalized two blocks at #${last.number}`);
			await api.disconnect();
			return 0;
		}
		seen[last.number] = last.hash;
		if (mode === "advances" && last.number - start.number >= Number(a)) {
			result = 1;
			break;
		}
	}
	const best = await bestNumber();
	// Every finalized head seen lies on the chain finalized now.
	const chain = await finalizedChain(api, start.number, last.number);
	for (const [n, hash] of Object.entries(seen)) {
		if (chain[n] !== hash) {
			console.log(`finality: ${nodeName}: #${n} ${hash} seen finalized is not on the finalized chain`);
			await api.disconnect();
			return 0;
		}
	}
	if (mode === "stalls") {
		result = best > bestStart && last.number - start.number <= 1 ? 1 : 0;
	} else if (mode === "advances") {
		result = result && best >= last.number ? 1 : 0;
	} else {
		console.log(`finality: unknown mode ${mode}`);
		result = 0;
	}
	console.log(
		`finality: ${nodeName} ${mode}: finalized #${start.number} → #${last.number}, best #${bestStart} → #${best} → ${result}`,
	);
	await api.disconnect();
	return result;
}

module.exports = { run };
