#!/usr/bin/env python3
"""Draw docs/performance/chart.svg from the load-test run reports.

Reads every docs/performance/*.json (or the files given as arguments): the files
`genex-load --report-dir docs/performance` writes, one per reported run. Draws two panels, one
group of bars per run (by date, oldest first) and one bar per phase:

  1. throughput: each phase's `per_second` (work per second of block time);
  2. latency: each phase's submission-to-finality latency, solid to p50, light to p99.

Plain SVG written by hand, Python standard library only; the output depends on the reports
alone (no timestamp), so it changes only when they do.

    python3 scripts/perf-chart.py                   # all reports -> docs/performance/chart.svg
    python3 scripts/perf-chart.py a.json b.json -o /tmp/chart.svg
"""

import argparse
import glob
import json
import math
import os
import sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORTS = os.path.join(ROOT, "docs", "performance")

# The phases in the order genex-load runs them, with their colours and axis labels.
PHASES = [
    ("transfers", "#4c78a8", "transfers (balances)"),
    ("stablecoin_transfers", "#72b7b2", "stablecoin transfers"),
    ("placements", "#f58518", "placements (orders)"),
    ("trades", "#54a24b", "trades (fills)"),
    ("stablecoin_transfers_paced", "#b279a2", "stablecoin transfers at 80 % load"),
]
EXTRA_COLOURS = ["#9d755d", "#e45756", "#bab0ac"]
NOT_PHASES = {"set_up", "set-up"}

FONT = 'font-family="Helvetica, Arial, sans-serif"'
WIDTH_MIN = 760
LEFT, RIGHT = 72, 24
PANEL_H = 250  # plot area of one panel
BAR_MIN, BAR_MAX, BAR_GAP, GROUP_GAP = 16, 30, 3, 28
LABEL_MIN = 22  # narrower bars carry no numbers (their <title> tooltips still do)


def fail(message):
    print(f"perf-chart: {message}", file=sys.stderr)
    sys.exit(1)


def number(value):
    """A finite number, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def load(path):
    """One run: its label parts and {phase: {"per_second", "p50", "p99"}}."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: {e}")
    if not isinstance(data, dict):
        fail(f"{path}: not a JSON object")
    phases = data.get("phases")
    # Results written before the phases became a list: {"transfers": {...}, ...}.
    if isinstance(phases, dict):
        phases = [dict(p, name=name) for name, p in phases.items() if isinstance(p, dict)]
    if not isinstance(phases, list):
        fail(f"{path}: no \"phases\" list")
    stem = os.path.splitext(os.path.basename(path))[0]
    run = {
        "date": str(data.get("date") or stem),
        "stem": stem,
        "commit": str(data.get("commit") or "unknown"),
        "machine": data.get("machine") if isinstance(data.get("machine"), dict) else {},
        "phases": {},
    }
    for p in phases:
        if not isinstance(p, dict) or not isinstance(p.get("name"), str):
            fail(f"{path}: a phase without a name")
        if p["name"] in NOT_PHASES:
            continue
        latency = p.get("latency_ms") if isinstance(p.get("latency_ms"), dict) else {}
        run["phases"][p["name"]] = {
            "per_second": number(p.get("per_second", p.get("per_s"))),
            "p50": number(latency.get("p50")),
            "p99": number(latency.get("p99")),
        }
    return run


def nice_axis(top):
    """Axis maximum and tick step: 1, 2 or 5 × 10^k, about five ticks."""
    if top <= 0:
        return 1.0, 0.2
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return math.ceil(top / step - 1e-9) * step, step


def fmt(value):
    """A tick or bar label: at most three significant digits, thousands separated."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{value:.2f}".rstrip("0").rstrip(".")


def machine_text(machine):
    parts = []
    if machine.get("cpus") is not None:
        parts.append(f"{machine['cpus']} CPUs")
    if machine.get("memory_gib") is not None:
        parts.append(f"{machine['memory_gib']} GiB")
    if machine.get("cpu_model"):
        parts.append(str(machine["cpu_model"]))
    return ", ".join(parts)


class Svg:
    def __init__(self):
        self.parts = []

    def add(self, text):
        self.parts.append(text)

    def text(self, x, y, s, size=11, anchor="middle", fill="#222", extra=""):
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}"{extra}>{escape(str(s))}</text>'
        )

    def rect(self, x, y, w, h, fill, title=None, extra=""):
        body = f"<title>{escape(title)}</title>" if title else ""
        self.add(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{max(h, 0):.1f}" '
            f'fill="{fill}"{extra}>{body}</rect>'
        )

    def line(self, x1, y1, x2, y2, stroke="#ccc", width=1):
        self.add(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{stroke}" stroke-width="{width}"/>'
        )


def draw_panel(svg, top, title, unit, runs, phases, value_of, label_bars, layout):
    """One panel: title, y axis with ticks and grid, a group of bars per run, run labels."""
    x0, group_w, bar_w = layout
    plot_top, plot_bottom = top + 28, top + 28 + PANEL_H
    svg.text(LEFT, top + 14, title, size=13, anchor="start", extra=' font-weight="bold"')
    bars_w = len(phases) * (bar_w + BAR_GAP) - BAR_GAP
    values = [v for run in runs for name, _ in phases for v in value_of(run, name) if v is not None]
    ymax, step = nice_axis(max(values, default=0))

    def y(v):
        return plot_bottom - v / ymax * PANEL_H

    right = x0 + group_w * len(runs)
    ticks = int(round(ymax / step))
    for i in range(ticks + 1):
        v = i * step
        svg.line(LEFT, y(v), right, y(v), stroke="#e3e3e3" if i else "#888")
        svg.text(LEFT - 6, y(v) + 4, fmt(v), size=10, anchor="end", fill="#555")
    svg.line(LEFT, plot_top - 4, LEFT, plot_bottom, stroke="#888")
    cy = (plot_top + plot_bottom) / 2
    svg.text(18, cy, unit, size=11, fill="#444", extra=f' transform="rotate(-90 18 {cy:.1f})"')

    for g, run in enumerate(runs):
        gx = x0 + g * group_w + (group_w - bars_w) / 2
        for b, (name, colour) in enumerate(phases):
            bx = gx + b * (bar_w + BAR_GAP)
            vals = value_of(run, name)
            if all(v is None for v in vals):
                # The run did not measure this phase: a faint dash on the axis, no number.
                svg.line(bx + 4, plot_bottom - 1, bx + bar_w - 4, plot_bottom - 1, "#bbb", 2)
                continue
            label_bars(svg, run, name, colour, vals, bx, bar_w, y, plot_bottom)
        cx = gx + bars_w / 2
        svg.text(cx, plot_bottom + 16, run["label"], size=11)
        svg.text(cx, plot_bottom + 29, run["commit"][:7], size=9, fill="#777",
                 extra=' font-family="monospace"')
    return plot_bottom + 36


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="run reports (default: docs/performance/*.json)")
    parser.add_argument("-o", "--out", default=os.path.join(REPORTS, "chart.svg"),
                        help="the SVG to write (default: docs/performance/chart.svg)")
    args = parser.parse_args()

    files = args.files or sorted(glob.glob(os.path.join(REPORTS, "*.json")))
    if not files:
        fail(f"no run reports in {REPORTS} (write one with genex-load --report-dir)")
    runs = sorted((load(f) for f in files), key=lambda r: (r["date"], r["stem"]))
    dates = [r["date"] for r in runs]
    for r in runs:
        # Two runs on one day: tell them apart by their file names (`<date>-2.json`).
        r["label"] = r["stem"] if dates.count(r["date"]) > 1 else r["date"]

    seen = {name for r in runs for name in r["phases"]}
    phases = [(name, colour) for name, colour, _ in PHASES if name in seen]
    extra = sorted(seen - {name for name, _, _ in PHASES})
    phases += [(name, EXTRA_COLOURS[i % len(EXTRA_COLOURS)]) for i, name in enumerate(extra)]
    labels = {name: label for name, _, label in PHASES}
    if not phases:
        fail("the reports have no phases")

    # Groups share the width (at least WIDTH_MIN); bars widen up to BAR_MAX when runs are few.
    x0 = LEFT + 8
    n = len(phases)
    narrowest = n * (BAR_MIN + BAR_GAP) - BAR_GAP + GROUP_GAP
    group_w = max(narrowest, (WIDTH_MIN - x0 - RIGHT) / len(runs))
    bar_w = min(BAR_MAX, (group_w - GROUP_GAP + BAR_GAP) / n - BAR_GAP)
    width = x0 + group_w * len(runs) + RIGHT
    svg = Svg()

    # Title and legend.
    svg.text(LEFT, 24, "genex-load: end-to-end throughput and latency per phase", size=15,
             anchor="start", extra=' font-weight="bold"')
    machines = sorted({machine_text(r["machine"]) for r in runs} - {""})
    if len(machines) == 1:
        note = f"one dev node; {machines[0]}"
    else:
        note = "one dev node; machines differ between runs (see each report)"
    svg.text(LEFT, 42, note, size=11, anchor="start", fill="#555")
    lx, ly = LEFT, 62
    for name, colour in phases:
        label = labels.get(name, name)
        svg.rect(lx, ly - 10, 12, 12, colour)
        svg.text(lx + 17, ly, label, size=11, anchor="start")
        lx += 17 + 6.3 * len(label) + 18

    def throughput(run, name):
        p = run["phases"].get(name)
        return [p["per_second"] if p else None]

    def latency(run, name):
        p = run["phases"].get(name)
        if not p:
            return [None, None]
        return [None if v is None else v / 1000 for v in (p["p50"], p["p99"])]

    def throughput_bar(svg, run, name, colour, vals, bx, bar_w, y, base):
        v = vals[0]
        tip = f"{name}, {run['label']}: {fmt(v)}/s (commit {run['commit'][:12]})"
        svg.rect(bx, y(v), bar_w, base - y(v), colour, tip)
        if bar_w >= LABEL_MIN:
            svg.text(bx + bar_w / 2, y(v) - 4, fmt(v), size=9, fill="#333")

    def latency_bar(svg, run, name, colour, vals, bx, bar_w, y, base):
        p50, p99 = vals
        tip = f"{name}, {run['label']}: p50 {fmt(p50 or 0)} s, p99 {fmt(p99 or 0)} s"
        if p99 is not None:
            svg.rect(bx, y(p99), bar_w, base - y(p99), colour, tip, ' fill-opacity="0.35"')
            if bar_w >= LABEL_MIN:
                svg.text(bx + bar_w / 2, y(p99) - 4, fmt(p99), size=9, fill="#333")
        if p50 is not None:
            svg.rect(bx, y(p50), bar_w, base - y(p50), colour, tip)
            if bar_w >= LABEL_MIN and base - y(p50) > 14 and (p99 is None or y(p50) - y(p99) > 14):
                svg.text(bx + bar_w / 2, y(p50) + 11, fmt(p50), size=9, fill="#fff")

    layout = (x0, group_w, bar_w)
    bottom = draw_panel(svg, 78, "Throughput (work per second of block time)", "per second",
                        runs, phases, throughput, throughput_bar, layout)
    top = bottom + 14
    bottom = draw_panel(svg, top, "Latency, submission to finality (queueing included)",
                        "seconds", runs, phases, latency, latency_bar, layout)
    # The latency panel's key, at the right of its title.
    kx = width - RIGHT - 190
    svg.rect(kx, top + 4, 12, 12, "#777")
    svg.rect(kx + 12, top + 4, 12, 12, "#777", extra=' fill-opacity="0.35"')
    svg.text(kx + 30, top + 14, "solid to p50, light to p99", size=11, anchor="start")
    height = bottom + 10

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" {FONT}>',
        "<title>genex-load: throughput and latency per phase</title>",
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#fff"/>',
        *svg.parts,
        "</svg>",
        "",
    ]
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"perf-chart: {len(runs)} run(s), {len(phases)} phase(s) -> {args.out}")


if __name__ == "__main__":
    main()
