#!/usr/bin/env python3
"""Record the expected outputs of a guide in docs/guides/ (a maintainer's tool).

    scripts/record-guide.py docs/guides/holder.md [...]

Starts a fresh dev node per guide (this build's genex-node), runs the guide's console sessions
as cli/tests/guides.rs does, and rewrites each command's expected output with what it printed,
the parts that differ from run to run replaced by `…` (block numbers, hashes, times, fees,
nonces, QR codes). Read the diff before committing: the test then holds the guide to it.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import json
import urllib.request

TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/genex-target"))
BIN = os.path.join(TARGET, "release")

RULES = [
    (re.compile(r"0x[0-9a-f]{64,}"), "0x…"),
    (re.compile(r"(?<=block )#\d+"), "#…"),
    (re.compile(r"(?<=block: )#\d+"), "#…"),
    (re.compile(r"#\d+\.\.#\d+"), "#…"),
    (re.compile(r"^#\d+ "), "#… "),
    (re.compile(r"(?<=until block )#\d+"), "#…"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"), "…"),
    (re.compile(r"fee: \d[\d.]* GNX"), "fee: … GNX"),
    (re.compile(r"actual_fee: \d[\d.]* GNX"), "actual_fee: … GNX"),
    (re.compile(r"nonce \d+"), "nonce …"),
    (re.compile(r"nonce: \d+"), "nonce: …"),
    (re.compile(r"\d{4}-\d\d-\d\d"), "…"),
    (re.compile(r"(?<=now )#\d+"), "#…"),
    (re.compile(r"(?<=finalized: )#\d+"), "#…"),
    (re.compile(r"\d+ behind"), "… behind"),
    (re.compile(r"indexed \d+ block\(s\): #\d+ – #\d+"), "indexed … block(s): #… – #…"),
]
QR = re.compile(r"^[ █▀▄]+$")


def normalise(lines):
    out = []
    for line in lines:
        if line.strip() and QR.match(line):
            if out[-1:] != ["…"]:
                out.append("…")
            continue
        for pattern, repl in RULES:
            line = pattern.sub(repl, line)
        # Collapse runs of wildcards.
        line = re.sub(r"…(…)+", "…", line)
        out.append(line.rstrip())
    return out


def rpc(port, method, params=None):
    body = json.dumps({"id": 1, "jsonrpc": "2.0", "method": method, "params": params or []}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.load(r).get("result")


def start_node():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    node = subprocess.Popen(
        [os.path.join(BIN, "genex-node"), "--dev", "--tmp", "--rpc-port", str(port), "--no-prometheus", "--port", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            head = rpc(port, "chain_getFinalizedHead")
            header = rpc(port, "chain_getHeader", [head])
            if int(header["number"], 16) >= 1:
                return node, port
        except Exception:
            pass
        time.sleep(0.5)
    node.kill()
    sys.exit("the dev node did not finalize a block")


def record(path):
    lines = open(path).read().split("\n")
    node, port = start_node()
    work = tempfile.mkdtemp(prefix="genex-guide-")
    env = dict(os.environ, GENEX_URL=f"ws://127.0.0.1:{port}", PATH=BIN + ":" + os.environ["PATH"])
    env.pop("GENEX_SURI", None)
    out = []
    i = 0
    try:
        while i < len(lines):
            line = lines[i]
            out.append(line)
            i += 1
            info = line.strip()[3:].strip() if line.strip().startswith("```") else None
            if info is None:
                continue
            body = []
            while i < len(lines) and not lines[i].strip().startswith("```"):
                body.append(lines[i])
                i += 1
            if info == "console":
                j = 0
                while j < len(body):
                    if not body[j].startswith("$ "):
                        j += 1
                        continue
                    cmd_lines = [body[j]]
                    while cmd_lines[-1].endswith("\\"):
                        j += 1
                        cmd_lines.append(body[j])
                    j += 1
                    while j < len(body) and not body[j].startswith("$ "):
                        j += 1
                    command = " ".join(l[2:] if k == 0 else l.strip() for k, l in enumerate(cmd_lines))
                    command = command.replace("\\ ", " ").replace(" \\", "")
                    r = subprocess.run(["sh", "-c", command], cwd=work, env=env, capture_output=True, text=True)
                    got = r.stdout.splitlines() + [l for l in r.stderr.splitlines() if l.startswith("error:")]
                    out.extend(cmd_lines)
                    out.extend(normalise(got))
                    print(f"$ {command}  -> exit {r.returncode}", file=sys.stderr)
            else:
                name = next((w[5:] for w in info.split() if w.startswith("file=")), None)
                if name:
                    with open(os.path.join(work, name), "w") as f:
                        f.write("\n".join(body) + "\n")
                out.extend(body)
            if i < len(lines):
                out.append(lines[i])
                i += 1
    finally:
        node.kill()
        shutil.rmtree(work, ignore_errors=True)
    open(path, "w").write("\n".join(out))


if __name__ == "__main__":
    for p in sys.argv[1:]:
        record(p)
