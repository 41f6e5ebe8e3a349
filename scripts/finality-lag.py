#!/usr/bin/env python3
"""Measure how far finality trails block import on a running node.

Polls a node's JSON-RPC over HTTP (`chain_getHeader`, `chain_getFinalizedHead`) every
`--interval` seconds for `--seconds`, notes when each block number is first seen as the best
block and when it is first seen finalized, and prints the lag (seconds and blocks) as p50 / p90 /
p99 / max. `--json FILE` also writes the figures.

    scripts/finality-lag.py --url http://127.0.0.1:9944 --seconds 60

Standard library only: it runs wherever the node's RPC port is reachable.
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.request


def rpc(url, method, params=None):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []})
    req = urllib.request.Request(url, body.encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        reply = json.load(resp)
    if "error" in reply:
        raise RuntimeError(f"{method}: {reply['error']}")
    return reply["result"]


def number(header):
    return int(header["number"], 16)


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:9944")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--interval", type=float, default=0.05)
    ap.add_argument("--wait", type=float, default=60.0, help="seconds to wait for the node to answer")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    # A node that was just started answers once its genesis is built.
    deadline = time.monotonic() + args.wait
    while True:
        try:
            rpc(args.url, "chain_getFinalizedHead")
            break
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                print(f"finality-lag: the node at {args.url} does not answer", file=sys.stderr)
                return 1
            time.sleep(0.5)

    best_seen, final_seen, lag_blocks = {}, {}, []
    end = time.monotonic() + args.seconds
    try:
        while time.monotonic() < end:
            now = time.monotonic()
            best = number(rpc(args.url, "chain_getHeader"))
            final = number(rpc(args.url, "chain_getHeader", [rpc(args.url, "chain_getFinalizedHead")]))
            for n in range(min(best_seen, default=best), best + 1):
                best_seen.setdefault(n, now)
            for n in range(min(final_seen, default=final), final + 1):
                final_seen.setdefault(n, now)
            lag_blocks.append(best - final)
            time.sleep(args.interval)
    except (urllib.error.URLError, OSError, RuntimeError) as e:
        print(f"finality-lag: the node at {args.url} does not answer: {e}", file=sys.stderr)
        return 1

    # Blocks seen imported and finalized within the window, the first one excepted (it may
    # have been imported before the window opened).
    lags = [final_seen[n] - best_seen[n] for n in sorted(best_seen)[1:] if n in final_seen]
    if not lags:
        print("finality-lag: no block was both imported and finalized in the window", file=sys.stderr)
        return 1
    figures = {
        "url": args.url,
        "seconds": args.seconds,
        "blocks": len(lags),
        "lag_seconds": {p: round(percentile(lags, q), 3) for p, q in
                        (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))},
        "lag_blocks": {p: percentile(lag_blocks, q) for p, q in
                       (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))},
    }
    s, b = figures["lag_seconds"], figures["lag_blocks"]
    print(f"{figures['blocks']} blocks; import to finality p50 {s['p50']} s, p90 {s['p90']} s, "
          f"p99 {s['p99']} s, max {s['max']} s; best - finalized p50 {b['p50']}, max {b['max']} blocks")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
