// The same wallet with polkadot-api (PAPI), typed by descriptors generated from the runtime.
//
//   ./scripts/ts-example.sh             generates .papi/descriptors from the node's Wasm, compiles
//   node dist/papi.js [ws://127.0.0.1:9944]
//
// `scripts/ts-example.sh` runs `papi add genex --wasm <the runtime Wasm the node embeds>` and
// `papi generate` (config: .papi/polkadot-api.json): the descriptors are the runtime's metadata
// turned into TypeScript types, so storage, calls and events below are checked by `tsc` against
// this very runtime, and a renamed call or field fails the build, not the user.
//
// On a development chain (./scripts/run-dev.sh) it:
// 1. checks that the descriptors match the runtime the node runs;
// 2. reads Dave's units of series 0 (typed storage: `Coupons.Holdings`);
// 3. asks `genex_verifyCoupon` (PAPI has no custom-RPC typing: the raw request, answer as
//    documented in docs/api.md);
// 4. sends Eve 1 unit, signed with the metadata hash (PAPI's `withMetadataHash`: mode 1 of
//    `CheckMetadataHash`, `GNX` and 12 decimals), and reads the typed `Coupons.Transferred`.
// It prints one line per step and exits 0, or prints the error and exits 1.

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { CompatibilityLevel, createClient, type PolkadotClient } from 'polkadot-api';
import { getPolkadotSigner, withMetadataHash } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import { WebSocket } from 'ws';
import { genex } from '../.papi/descriptors/dist/index.js';

const SERIES = 0n;

async function main(): Promise<void> {
  const url = process.argv[2] ?? process.env.GENEX_URL ?? 'ws://127.0.0.1:9944';
  await cryptoWaitReady();
  // Node.js 20 has no global WebSocket (22 has): PAPI takes the `ws` package's.
  const client = createClient(
    getWsProvider(url, { websocketClass: (globalThis.WebSocket ?? WebSocket) as typeof globalThis.WebSocket }),
  );
  try {
    await steps(client);
  } finally {
    client.destroy();
  }
}

async function steps(client: PolkadotClient): Promise<void> {
  const api = client.getTypedApi(genex);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const dave = keyring.addFromUri('//Dave');
  const eve = keyring.addFromUri('//Eve');

  // 1. Descriptors generated from another runtime would encode calls the node reads otherwise.
  const statics = await api.getStaticApis();
  const compatible = statics.compat.tx.Coupons.transfer.isCompatible(CompatibilityLevel.Identical);
  const version = statics.constants.System.Version;
  console.log(`papi: ${version.spec_name} spec ${version.spec_version}, transfer descriptor identical: ${compatible}`);
  if (!compatible) throw new Error('the descriptors do not match the runtime: run ./scripts/ts-example.sh');

  // 2. Typed storage.
  const held = await api.query.Coupons.Holdings.getValue(SERIES, dave.address);
  console.log(`papi holdings: ${held} unit(s) of series ${SERIES}`);

  // 3. A genex_* method.
  const verification = (await client._request('genex_verifyCoupon', [Number(SERIES), dave.address, 1])) as {
    redeemable: boolean;
    holderUnits: number;
  };
  console.log(`papi verifyCoupon: redeemable=${verification.redeemable} holderUnits=${verification.holderUnits}`);

  // 4. A transfer signed with the metadata hash.
  const signer = withMetadataHash(
    { tokenSymbol: 'GNX', decimals: 12 },
    getPolkadotSigner(dave.publicKey, 'Sr25519', (payload) => dave.sign(payload)),
  );
  const result = await api.tx.Coupons.transfer({ series: SERIES, dest: eve.address, units: 1n }).signAndSubmit(signer);
  if (!result.ok) throw new Error(`transfer failed: ${JSON.stringify(result.dispatchError)}`);
  const [event] = api.event.Coupons.Transferred.filter(result.events);
  if (!event) throw new Error('no Coupons.Transferred event');
  const moved = event.payload;
  console.log(
    `papi transferred ${moved.units} unit(s) of series ${moved.series} from ${moved.from} to ${moved.to} ` +
      `in block ${result.block.hash}`,
  );
}

// Exit codes through `process.exitCode`, not `process.exit()`: output written to a pipe is
// flushed before the process ends.
main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
  setTimeout(() => process.exit(), 1_000).unref();
});
