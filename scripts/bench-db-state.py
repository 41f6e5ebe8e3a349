#!/usr/bin/env python3
"""Grow a raw chain spec into a production-sized state for `genex-node benchmark storage`.

Takes a raw chain spec (`genex-node export-chain-spec --chain dev --raw`) and adds, under the
runtime's real storage keys, `--accounts` accounts, each with

- a native account (`System.Account`: providers 1, a balance),
- a GUSD holding (`Assets.Account`, asset 1: balance, liquid, sufficient),
- and every `--coupon-every`-th account a coupon holding (`Coupons.Holdings`) in one of
  `--series` series,

so the database's trie has the depth and size of a chain with that many customers. The values
are encoded as the runtime encodes them; totals (issuance, asset supply, holder counts) are not
adjusted: the state is for measuring the database, not for running a chain. Output is written as
it is generated (the JSON of 1 M accounts is about 0.8 GB).

    genex-node export-chain-spec --chain dev --raw > /tmp/dev-raw.json
    scripts/bench-db-state.py --spec /tmp/dev-raw.json --accounts 1000000 --out /tmp/big.json
    genex-node benchmark storage --chain /tmp/big.json --base-path /tmp/bigdb \\
        --database paritydb --state-version 1 --keys-limit 200000 --weight-path /tmp

Needs the `xxhash` Python package (`pip install xxhash`) for the storage prefixes.
"""

import argparse
import hashlib
import json
import struct
import sys

try:
    import xxhash
except ImportError:  # pragma: no cover - reported to the user
    sys.exit("bench-db-state: needs the xxhash package (pip install xxhash)")


def twox128(name: bytes) -> bytes:
    return xxhash.xxh64_digest(name, seed=0)[::-1] + xxhash.xxh64_digest(name, seed=1)[::-1]


def blake2_128_concat(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest() + data


def prefix(pallet: str, item: str) -> bytes:
    return twox128(pallet.encode()) + twox128(item.encode())


STABLECOIN_ASSET_ID = 1
UNIT = 10**12


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spec", required=True, help="raw chain spec to grow")
    ap.add_argument("--accounts", type=int, default=1_000_000)
    ap.add_argument("--coupon-every", type=int, default=2,
                    help="every n-th account also holds coupon units")
    ap.add_argument("--series", type=int, default=1_000, help="coupon series the holdings spread over")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    with open(args.spec) as f:
        spec = json.load(f)
    try:
        top = spec["genesis"]["raw"]["top"]
    except KeyError:
        sys.exit("bench-db-state: not a raw chain spec (build it with --raw)")
    spec["genesis"]["raw"]["top"] = {}
    head, tail = json.dumps(spec, indent=1).split('"top": {}', 1)

    system = prefix("System", "Account")
    assets = prefix("Assets", "Account") + blake2_128_concat(struct.pack("<I", STABLECOIN_ASSET_ID))
    holdings = prefix("Coupons", "Holdings")
    # AccountInfo: nonce, consumers, providers, sufficients; AccountData: free, reserved,
    # frozen, flags.
    account_info = struct.pack("<IIII", 0, 0, 1, 1) + (10 * UNIT).to_bytes(16, "little") + bytes(48)
    # AssetAccount: balance, status Liquid, reason Sufficient, extra ().
    asset_account = (250 * UNIT).to_bytes(16, "little") + bytes([0, 1])

    written = 0
    with open(args.out, "w") as out:
        out.write(head)
        out.write('"top": {\n')
        first = True

        def put(key: bytes, value: bytes):
            nonlocal first, written
            out.write(("" if first else ",\n") + f'"0x{key.hex()}": "0x{value.hex()}"')
            first = False
            written += 1

        for key, value in top.items():
            put(bytes.fromhex(key[2:]), bytes.fromhex(value[2:]))
        for i in range(args.accounts):
            who = hashlib.blake2b(b"genex-bench-account" + struct.pack("<Q", i), digest_size=32).digest()
            put(system + blake2_128_concat(who), account_info)
            put(assets + blake2_128_concat(who), asset_account)
            if args.coupon_every and i % args.coupon_every == 0:
                series = struct.pack("<Q", i % args.series)
                put(holdings + blake2_128_concat(series) + blake2_128_concat(who), struct.pack("<Q", 5))
        out.write("\n}")
        out.write(tail)
    print(f"bench-db-state: {written} keys ({args.accounts} accounts) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
