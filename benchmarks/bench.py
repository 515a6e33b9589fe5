"""Whole-process timings of aiwatch commands against floors measured in the same run.

    python benchmarks/bench.py [--runs 21] [--data DIR]

At scale: `python benchmarks/generate.py /tmp/big --orgs 5000` writes 20,000 synthetic files beside
a copy of the bundled data; `python benchmarks/bench.py --data /tmp/big` then shows whether a warm
lookup stays near the floor as the data grows (it reads the index, never the YAML).

Runs each command once to warm the index, then RUNS times round-robin (so that machine noise falls on
every command alike), and prints the median wall time, the median peak memory (max RSS) and the ratio
of each median to the `import typer` floor. Targets are ratios, checked here and never in unit tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# command label -> (argv, target ratio to the floor or None for a floor)
TARGETS = {
    "python -c pass": ([sys.executable, "-c", "pass"], None),
    "python -c 'import typer'": ([sys.executable, "-c", "import typer"], None),
    "aiwatch company deepseek": (["aiwatch", "company", "deepseek"], 2.0),
    "aiwatch company deepseek --json": (["aiwatch", "company", "deepseek", "--json"], 2.0),
    "aiwatch search 'export controls'": (["aiwatch", "search", "export controls"], 2.5),
    "aiwatch search deepsek (typo)": (["aiwatch", "search", "deepsek"], 2.5),
    "aiwatch timeline --year 2025": (["aiwatch", "timeline", "--year", "2025"], 2.0),
    "aiwatch validate": (["aiwatch", "validate"], None),
}
FLOOR = "python -c 'import typer'"


def run_once(argv: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--data", help="knowledge-base folder (default: the bundled data)")
    options = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="aiwatch-bench-")
    env = {**os.environ, "AIWATCH_CACHE_DIR": cache}
    if options.data:
        env["AIWATCH_DATA"] = options.data
    if not shutil.which("aiwatch"):
        raise SystemExit("install aiwatch first (pip install -e .)")
    for argv, _target in TARGETS.values():
        run_once(argv, env)  # warms the index and the OS file cache
    samples: dict[str, list[tuple[float, int]]] = {label: [] for label in TARGETS}
    for _round in range(options.runs):
        for label, (argv, _target) in TARGETS.items():
            samples[label].append(run_once(argv, env))
    shutil.rmtree(cache, ignore_errors=True)
    floor = statistics.median(seconds for seconds, _ in samples[FLOOR])
    failed = False
    print(f"{'command':36} {'median ms':>10} {'max RSS MiB':>12} {'x floor':>8}  target")
    for label, (_argv, target) in TARGETS.items():
        median = statistics.median(seconds for seconds, _ in samples[label])
        memory = statistics.median(rss for _, rss in samples[label]) / 1024
        ratio = median / floor
        verdict = "" if target is None else f"<= {target:.1f}x " + ("ok" if ratio <= target else "MISSED")
        failed |= target is not None and ratio > target
        print(f"{label:36} {median * 1000:10.1f} {memory:12.1f} {ratio:8.2f}  {verdict}")
    print(f"{options.runs} runs each, round-robin; floor = {FLOOR}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
