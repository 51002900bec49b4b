"""Turn a bench/compare.sh results folder into the tables of docs/performance.md (stdlib only).

    python bench/summarize.py var/bench/results/<stamp>

Reads results.txt ("site mode page repeat rps p50 p95 p99" lines), the query counts of
both sites and top.log. Prints Markdown: per page and mode, the mean rps and p50/p95 of
our site, of Spirit and of the ceiling page (template + one SELECT) measured next to it,
the ratios against the targets, SQL per page, and the CPU other processes took meanwhile.
"""

import os
import statistics
import sys
from collections import defaultdict

PAGES = ["home", "list", "typical", "hot-first", "hot-last", "search"]
PAGE_LINE = {page: n for n, page in enumerate(PAGES)}
LABELS = {
    "home": "community home",
    "list": "thread list",
    "typical": "typical thread",
    "hot-first": "hot thread, first page",
    "hot-last": "hot thread, last page",
    "search": "search",
}
THREAD_PAGES = {"typical", "hot-first", "hot-last"}
SPIRIT_TARGET, CEILING_TARGET, SEARCH_P95_MS = 3.0, 0.5, 100.0
OURS = ("gunicorn", "postgres", "wrk", "top", "awk", "sleep", "curl")


def load(out: str):
    runs = defaultdict(list)  # (site, mode, page) -> [(rps, p50, p95, p99), ...]
    with open(os.path.join(out, "results.txt")) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 8 or parts[4] == "ERROR":
                continue
            site, mode, page, _repeat = parts[:4]
            runs[site, mode, page].append(tuple(float(x) for x in parts[4:]))
    return runs


def queries(out: str, site: str) -> dict:
    """(mode, page) -> "statements (writes)" from the peer's queries.py output."""
    found = {}
    path = os.path.join(out, f"queries_{site}.txt")
    if not os.path.exists(path):
        return found
    with open(path) as f:
        rows = [line.split() for line in f if line.split() and line.split()[1].isdigit()]
    for n, row in enumerate(rows):
        page = PAGES[n] if n < len(PAGES) else row[0]
        found["anon", page] = f"{row[1]} ({row[3]}w)"
        found["auth", page] = f"{row[2]} ({row[4]}w)"
    return found


def mean(values, i):
    return statistics.fmean(v[i] for v in values) if values else None


def fmt(x, spec=".0f"):
    return "-" if x is None else format(x, spec)


def spread(values) -> str:
    rps = [v[0] for v in values]
    if len(rps) < 2:
        return ""
    return f" ±{(max(rps) - min(rps)) / statistics.fmean(rps) / 2 * 100:.0f}%"


def main(out: str) -> None:
    runs = load(out)
    q_ours, q_spirit = queries(out, "ours"), queries(out, "spirit")
    modes = [m for m in ("anon", "auth") if any(k[1] == m for k in runs)]
    pages = [p for p in PAGES if any(k[2] == p for k in runs)]
    repeats = max((len(v) for v in runs.values()), default=0)
    print(f"## Results: {os.path.basename(out.rstrip('/'))} ({repeats} repeat(s))\n")
    print(
        "| page | who | ours rps | ours p50 / p95 ms | Spirit rps | Spirit p50 / p95 ms "
        "| ours ÷ Spirit (target 3x) | ceiling rps | ours ÷ ceiling (target 50 %) "
        "| SQL ours / Spirit |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    verdicts = []
    for page in pages:
        for mode in modes:
            o = runs.get(("ours", mode, page), [])
            s = runs.get(("spirit", mode, page), [])
            c = runs.get(("ceiling", mode, page), [])
            o_rps, s_rps, c_rps = mean(o, 0), mean(s, 0), mean(c, 0)
            vs_spirit = o_rps / s_rps if o_rps and s_rps else None
            vs_ceiling = o_rps / c_rps if o_rps and c_rps else None
            who = "anonymous" if mode == "anon" else "logged in"
            print(
                f"| {LABELS[page]} | {who} | {fmt(o_rps)}{spread(o)} "
                f"| {fmt(mean(o, 1))} / {fmt(mean(o, 2))} "
                f"| {fmt(s_rps, '.1f')}{spread(s)} | {fmt(mean(s, 1))} / {fmt(mean(s, 2))} "
                f"| {fmt(vs_spirit, '.1f')}x | {fmt(c_rps)} "
                f"| {fmt(vs_ceiling * 100 if vs_ceiling else None)} % "
                f"| {q_ours.get((mode, page), '-')} / {q_spirit.get((mode, page), '-')} |"
            )
            if vs_spirit is not None:
                verdicts.append((vs_spirit >= SPIRIT_TARGET, f"{page} {mode} vs Spirit"))
            if page in THREAD_PAGES and vs_ceiling is not None:
                verdicts.append((vs_ceiling >= CEILING_TARGET, f"{page} {mode} vs ceiling"))
            if page == "search" and o:
                verdicts.append((mean(o, 2) < SEARCH_P95_MS, f"search {mode} p95 < 100 ms"))
    missed = [name for ok, name in verdicts if not ok]
    print(f"\nTargets met: {sum(ok for ok, _ in verdicts)} of {len(verdicts)}.", end=" ")
    print("Missed: " + ", ".join(missed) + "." if missed else "")
    print("\n" + foreign_cpu(os.path.join(out, "top.log")))


def foreign_cpu(top_log: str) -> str:
    """Processes other than the servers, database and load tool that took CPU meanwhile."""
    if not os.path.exists(top_log):
        return "(no top.log)"
    samples, loads, busy = 0, [], defaultdict(list)
    with open(top_log) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1] == "load":
                samples += 1
                loads.append(float(parts[2].rstrip(",")))
            elif len(parts) >= 12:
                try:
                    pct = float(parts[8])
                except ValueError:
                    continue
                if not parts[11].startswith(OURS) and pct >= 10:
                    busy[parts[11]].append(pct)
    text = [
        f"Load average (1 min) over {samples} samples: mean "
        f"{statistics.fmean(loads) if loads else 0:.1f}, max {max(loads, default=0):.1f} "
        f"on {os.cpu_count()} CPUs."
    ]
    text.append("Other processes at ≥10 % of a core in top's samples:")
    if not busy:
        text.append("- none seen")
    for name, values in sorted(busy.items(), key=lambda kv: -len(kv[1]))[:8]:
        text.append(
            f"- `{name}` in {len(values)} samples, mean {statistics.fmean(values):.0f} %, "
            f"max {max(values):.0f} %"
        )
    return "\n".join(text)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
