#!/usr/bin/env python3
"""Turns one bench/run into docs/benchmarks.md (a table of ratios to the best peer) and a plot
of indexing time against corpus size. Reads WORK/dateline.csv and WORK/peers-xN/results.csv."""
import argparse
import csv
import os
import platform
import subprocess
import sys


def read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def machine():
    cores = os.cpu_count()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {cpu}, {cores} cores, {mem:.0f} GiB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--scales", required=True)
    ap.add_argument("--k", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--cores", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    scales = [int(s) for s in a.scales.split(",")]
    ours = {int(r["scale"]): r for r in read_csv(os.path.join(a.work, "dateline.csv"))}
    peers = {s: read_csv(os.path.join(a.work, f"peers-x{s}", "results.csv")) for s in scales}
    top = max(scales)

    rows = []  # engine, index s, index CPU s, rss, index MiB, x corpus, compact x, qps, p50, p99
    o = ours[top]
    mb = float(o["corpus_mb"])
    rows.append(("**Dateline** (default flags)", float(o["index_wall_s"]), float(o["index_cpu_s"]),
                 float(o["index_rss_mb"]), float(o["index_mb"]), float(o["index_mb"]) / mb,
                 float(o["compact_mb"]) / mb, float(o["qps"]), float(o["p50_ms"]), float(o["p99_ms"])))
    for p in peers[top]:
        if p.get("index_ok") != "True":
            continue
        rows.append((p["label"], float(p["index_wall_s"]), float(p["index_cpu_s"] or 0),
                     float(p["index_rss_mb"]), float(p["index_mb"]), float(p["index_ratio"]), None,
                     float(p["qps"] or 0), float(p["p50_ms"] or 0), float(p["p95_ms"] or 0)))
    best = lambda i, fn=min: fn(r[i] for r in rows[1:] if r[i]) if len(rows) > 1 else None
    best_index, best_p50 = best(1), best(8)

    lines = ["# Benchmarks", "",
             f"One run of `bench/run {os.path.relpath(a.corpus)} {os.path.relpath(a.queries)} "
             f"--scales {a.scales} -k {a.k}` on {machine()}.", "",
             f"## At {top}x ({int(o['docs']):,} articles, {mb:.0f} MiB)", "",
             "| engine | index s | vs best peer | index CPU s | peak RSS MiB | index MiB | × corpus | × corpus compacted | QPS | p50 ms | vs best peer | p99 (peers: p95) ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        ratio_i = f"{r[1] / best_index:.2f}×" if best_index else ""
        ratio_q = f"{r[8] / best_p50:.2f}×" if best_p50 and r[8] else ""
        compact = f"{r[6]:.2f}" if r[6] is not None else ""
        lines.append(f"| {r[0]} | {r[1]:.1f} | {ratio_i} | {r[2]:.1f} | {r[3]:.0f} | {r[4]:.0f} | {r[5]:.2f} | "
                     f"{compact} | {r[7]:.0f} | {r[8]:.2f} | {ratio_q} | {r[9]:.2f} |")
    lines += ["", "Index: `/usr/bin/time` of the whole indexing process, CPU = user + system. Dateline "
              "with default flags writes one shard per core in parallel and merges them into one "
              "compact database at the end, so its index is compacted already. Queries: top k with "
              "one snippet per hit, uncollapsed (as TREC runs are), per-query in-process timers; "
              "Dateline's from `searcher --batch --timings`, the peers' from their drivers (the peers "
              "report p95, Dateline p99). QPS: the queries over the wall time of the query "
              "process(es), start-up included, for every engine (so it counts the JVM's start for "
              "Lucene and one process per query for omega).", ""]

    lines += ["## Dateline at each scale, against SQLite FTS5 in the same run", "",
              "| scale | index s | ÷ FTS5 | CPU s | ÷ FTS5 | 1 thread s | 2+ threads speed-up | "
              "uncompacted × text (1 thread) | compacted × text | stories off s | stories cost wall / CPU | "
              "p50 ms | ÷ FTS5 | collapsed p50 ms | collapse cost |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for sc in scales:
        d = ours[sc]
        f = next((p for p in peers[sc] if p.get("engine") == "sqlite" and p.get("index_ok") == "True"), None)
        m = float(d["corpus_mb"])
        ratio = lambda x, y: f"{float(x) / float(y):.2f}×" if y and float(y) else ""
        lines.append(
            f"| {sc}x | {float(d['index_wall_s']):.1f} | {ratio(d['index_wall_s'], f and f['index_wall_s'])} | "
            f"{float(d['index_cpu_s']):.1f} | {ratio(d['index_cpu_s'], f and f['index_cpu_s'])} | "
            f"{float(d['one_thread_wall_s']):.1f} | {ratio(d['one_thread_wall_s'], d['index_wall_s'])} | "
            f"{float(d['one_thread_mb']) / m:.2f} | {float(d['compact_mb']) / m:.2f} | "
            f"{float(d['no_stories_wall_s']):.1f} | {ratio(d['index_wall_s'], d['no_stories_wall_s'])} / "
            f"{ratio(d['index_cpu_s'], d['no_stories_cpu_s'])} | {float(d['p50_ms']):.2f} | "
            f"{ratio(d['p50_ms'], f and f['p50_ms'])} | {float(d['collapse_p50_ms']):.2f} | "
            f"{ratio(d['collapse_p50_ms'], d['p50_ms'])} |")
    lines += ["", f"{a.cores} cores. Speed-up: the one-thread run's wall time over the default's. "
              "Stories cost: default over `--no-stories`. Collapse cost: p50 with `--collapse story` "
              "over p50 without. A machine with more cores: the one-thread CPU time over the cores "
              "bounds the default's wall time from below.", "",
              "## Indexing time against corpus size", "", "| scale | MiB | Dateline s | " +
              " | ".join(p["label"] + " s" for p in peers[top]) + " |",
              "|---:|---:|---:|" + "---:|" * len(peers[top])]
    for sc in scales:
        by = {p["label"]: p for p in peers[sc]}
        lines.append(f"| {sc}x | {float(ours[sc]['corpus_mb']):.0f} | {float(ours[sc]['index_wall_s']):.1f} | " +
                     " | ".join(f"{float(by[p['label']]['index_wall_s']):.1f}" if p["label"] in by else ""
                                for p in peers[top]) + " |")
    lines += ["", "![indexing time against corpus size](benchmarks-index-time.png)", ""]
    # The measurements of design choices below the marker are written by hand: kept as they are.
    marker = "<!-- design measurements: kept by bench/report.py -->"
    if os.path.exists(a.out):
        old = open(a.out).read()
        if marker in old:
            lines.append(old[old.index(marker):].rstrip("\n"))
            lines.append("")
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench/report.py: no matplotlib (apt-get install python3-matplotlib): no plot", file=sys.stderr)
        return
    fig, ax = plt.subplots(figsize=(7, 4.5))
    sizes = [float(ours[s]["corpus_mb"]) for s in scales]
    ax.plot(sizes, [float(ours[s]["index_wall_s"]) for s in scales], "o-", linewidth=2.5, label="Dateline")
    for p in peers[top]:
        pts = [(float(ours[s]["corpus_mb"]), float(q["index_wall_s"])) for s in scales
               for q in peers[s] if q["label"] == p["label"] and q.get("index_ok") == "True"]
        if pts:
            ax.plot([x for x, _ in pts], [y for _, y in pts], "o--", label=p["label"])
    ax.set_xlabel("corpus size (MiB)")
    ax.set_ylabel("indexing wall time (s)")
    ax.set_title("Indexing time against corpus size")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(os.path.dirname(a.out), "benchmarks-index-time.png"), dpi=110)


if __name__ == "__main__":
    main()
