// A wallet against Genex Chain in TypeScript with @polkadot/api.
//
//   ./scripts/ts-example.sh             (npm ci, PAPI's descriptors for src/papi.ts, tsc)
//   node dist/wallet.js [ws://127.0.0.1:9944]
//
// On a fresh development chain (./scripts/run-dev.sh) it:
// 1. asks the node `genex_verifyCoupon` through `api.rpc.genex`, typed by the repository's
//    bundle (src/genex-definitions.json, generated from the node's Rust types);
// 2. sends a coupon (Dave gives Eve 1 unit of series 0), signed with Genex's transaction
//    extensions and with `CheckMetadataHash` enabled (mode 1, RFC 78: the signature commits to
//    the hash of the runtime's metadata, computed here as an offline signer computes it), and
//    reads the `Coupons.Transferred` event; the same transfer signed over a wrong hash is
//    refused by the node as a bad signature;
// 3. redeems a coupon as a phone and a till do: the holder signs the 140 bytes
//    `genex_redemptionPayload` returns, the merchant's till submits them with
//    `genex_submitRedemption` (no fee), and the wallet waits for `Redemption.Redeemed`.
// It prints one line per step and exits 0, or prints the error and exits 1.

import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { readFileSync } from 'node:fs';

// The `rpc` and `types` bundle, generated from the Rust types (rpc/src/definitions.rs).
const bundle = JSON.parse(
  readFileSync(new URL('../src/genex-definitions.json', import.meta.url), 'utf8'),
);

// Genex's own transaction extensions carry no data (docs/api.md, "Transaction extensions"):
// declare them so @polkadot/api builds the signed payload without guessing.
const signedExtensions = {
  AuthorizeCall: { extrinsic: {}, payload: {} },
  CheckNotBlocked: { extrinsic: {}, payload: {} },
};

const SERIES = 0;

/// Sign and send `tx`, resolve with the block hash and events once it is in a block; reject
/// with the runtime's error (`pallet.Error: docs`) if it fails.
function send(
  api: ApiPromise,
  tx: any,
  signer: KeyringPair,
  options: object = {},
): Promise<{ block: string; events: any[] }> {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, options, (result: any) => {
      const { status, events, dispatchError } = result;
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
          reject(new Error(`${section}.${name}: ${docs.join(' ')}`));
        } else {
          reject(new Error(dispatchError.toString()));
        }
      } else if (status.isInBlock || status.isFinalized) {
        // A fast-finalizing chain may report `finalized` without `inBlock` first (docs/api.md).
        const block = status.isInBlock ? status.asInBlock : status.asFinalized;
        resolve({ block: block.toHex(), events });
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        reject(new Error(`transaction ${status.type}`));
      }
    }).catch(reject);
  });
}

async function main(): Promise<void> {
  const url = process.argv[2] ?? process.env.GENEX_URL ?? 'ws://127.0.0.1:9944';
  await cryptoWaitReady();
  await withApi(url, steps);
}

/// The wallet's three steps.
async function steps(api: ApiPromise): Promise<void> {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const dave = keyring.addFromUri('//Dave');
  const eve = keyring.addFromUri('//Eve');
  const genex = (api.rpc as any).genex;

  // 1. A typed answer: `holderUnits` is a u64, `series` an Option of a struct.
  const verification = await genex.verifyCoupon(SERIES, dave.address, 2);
  const series = verification.series.unwrap();
  console.log(
    `verifyCoupon: redeemable=${verification.redeemable.isTrue} holderUnits=${verification.holderUnits.toNumber()} ` +
      `faceValue=${series.faceValue.toString()} kind=${series.kind.toString()}`,
  );

  // 2. A coupon transfer, signed with every extension of the runtime and with the metadata
  //    hash: a tampered hash is refused, the right one accepted.
  const metadataHash = await runtimeMetadataHash(api);
  console.log(`metadataHash: ${u8aToHex(metadataHash)}`);
  const tampered = metadataHash.slice();
  tampered[0] ^= 1;
  const refused = await send(api, api.tx.coupons.transfer(SERIES, eve.address, 1), dave, {
    mode: 1,
    metadataHash: u8aToHex(tampered),
  }).then(
    () => null,
    (e: Error) => e.message,
  );
  if (refused === null) throw new Error('a transfer signed over a wrong metadata hash was accepted');
  if (!refused.includes('bad signature')) throw new Error(`unexpected refusal: ${refused}`);
  console.log(`wrong metadata hash refused: ${refused}`);
  const sent = await send(api, api.tx.coupons.transfer(SERIES, eve.address, 1), dave, {
    // Hex: a Uint8Array would be read as the SCALE encoding of the `Option`.
    mode: 1,
    metadataHash: u8aToHex(metadataHash),
  });
  const moved = sent.events.find(({ event }) => api.events.coupons.Transferred.is(event));
  if (!moved) throw new Error('no Coupons.Transferred event');
  const { from, to, units } = moved.event.data as any;
  console.log(
    `transferred ${units.toString()} unit(s) of series ${SERIES} from ${from.toString()} to ${to.toString()} ` +
      `in block ${sent.block}`,
  );

  // 3. A redemption: the holder signs exactly the bytes the node returns (140, no length
  //    prefix), the till submits them.
  const header = await api.rpc.chain.getHeader();
  const authorization = {
    holder: dave.address,
    series: SERIES,
    units: 1,
    merchant: eve.address,
    nonce: Date.now() % 1_000_000,
    validUntil: header.number.toNumber() + 100,
  };
  const payload = await genex.redemptionPayload(authorization);
  console.log(`redemptionPayload: ${payload.length} bytes`);
  // A MultiSignature: variant 1 (sr25519), then the 64 signature bytes.
  const signature = u8aConcat(new Uint8Array([1]), dave.sign(payload.toU8a(true)));
  const redeemed = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no Redemption.Redeemed within 60 s')), 60_000);
    api.query.system
      .events((records: any[]) => {
        for (const { event } of records) {
          if (api.events.redemption.Redeemed.is(event) && (event.data as any).holder.toString() === dave.address) {
            clearTimeout(timer);
            resolve((event.data as any).receipt.toString());
          }
        }
      })
      .catch(reject);
  });
  const hash = await genex.submitRedemption(authorization, u8aToHex(signature));
  console.log(`submitRedemption: ${hash.toHex()}`);
  console.log(`redeemed: receipt ${await redeemed}`);
}

/// The runtime's metadata hash (RFC 78), computed from what the node serves, as an offline or
/// hardware signer computes it: the metadata (V15) merkleized with the chain's token symbol and
/// decimals (its chain-spec properties: GNX, 12). The spec name, version and SS58 prefix come from
/// the metadata itself. A different runtime, or different token data, gives a different hash and
/// a signature the node refuses.
async function runtimeMetadataHash(api: ApiPromise): Promise<Uint8Array> {
  const metadata = (await api.call.metadata.metadataAtVersion(15)) as any;
  if (metadata.isNone) throw new Error('the node serves no metadata V15');
  const properties = api.registry.getChainProperties();
  const decimals = properties?.tokenDecimals.unwrapOr(undefined)?.[0]?.toNumber();
  const tokenSymbol = properties?.tokenSymbol.unwrapOr(undefined)?.[0]?.toString();
  if (decimals === undefined || tokenSymbol === undefined) {
    throw new Error('the chain spec names no tokenSymbol/tokenDecimals');
  }
  return merkleizeMetadata(metadata.unwrap().toU8a(true), { decimals, tokenSymbol }).digest();
}

/// Run `body` with the API connected to `url`, disconnecting afterwards whatever happens.
async function withApi<T>(url: string, body: (api: ApiPromise) => Promise<T>): Promise<T> {
  const provider = new WsProvider(url);
  const api = await ApiPromise.create({
    provider,
    rpc: bundle.rpc,
    types: bundle.types,
    signedExtensions,
    noInitWarn: true,
    throwOnConnect: true,
  }).catch(async () => {
    await provider.disconnect();
    throw new Error(`cannot reach a node at ${url}`);
  });
  try {
    return await body(api);
  } finally {
    await api.disconnect();
  }
}

// Exit codes through `process.exitCode`, not `process.exit()`: output written to a pipe is
// flushed before the process ends.
main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
  // Close the connection a failed step left open, so that the process can end.
  setTimeout(() => process.exit(), 1_000).unref();
});
