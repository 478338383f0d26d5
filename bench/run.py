"""Time whole ``govern`` processes on named workloads (PRODUCT.md section 7).

    python bench/run.py                       # self, version, lint-1000
    python bench/run.py --workload memory-10000 --runs 3
    python bench/run.py --all --json

Each run is one ``govern`` process started by a small probe process that measures
its wall-clock time (``time.perf_counter``) and its peak resident memory
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``: the probe's only child is
govern, so the figure is govern's own, not the high-water mark of everything
this script ran before, such as the generator). Synthetic repositories come from
``bench/generate.py`` in a temporary directory; their generation is not timed.

govern exits 1 when it finds problems, which is expected on generated
repositories (they carry defects on purpose); exit 2 or more, or a signal, is a
failed run and its stderr is printed.

Exit status: 0 every workload met its target, 1 some missed it, 2 a run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# --now for workloads whose verdicts depend on dates: the day after the generated
# history ends (generate.py's default --end-date), so its notice ages hold.
NOW = "2026-11-02T12:00:00Z"

# Runs govern once and prints what it measured as JSON. A separate process so that
# RUSAGE_CHILDREN covers govern (and what govern itself waits for) and nothing else.
PROBE = """
import json, resource, subprocess, sys, time
cmd, cwd = json.loads(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
proc = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                      stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "rc": proc.returncode, "maxrss": rss,
                  "stderr": proc.stderr.decode("utf-8", "replace")[-8000:]}))
"""


@dataclass(frozen=True)
class Setup:
    """What to run: govern's arguments, in which directory."""

    args: list[str]
    cwd: Path


@dataclass(frozen=True)
class Workload:
    name: str
    what: str
    measure: str  # "s" (median wall time) or "MB" (largest peak RSS)
    target: float
    default: bool
    setup: Callable[[Path], Setup]


def generate(scratch: Path, name: str, *options: str) -> Path:
    """A synthetic repository under ``scratch`` (made once per benchmark run)."""
    out = scratch / name
    if not out.exists():
        started = time.perf_counter()
        cmd = [sys.executable, str(BENCH / "generate.py"), str(out), "--quiet", *options]
        subprocess.run(cmd, check=True)
        took = time.perf_counter() - started
        print(f"generated {name} in {took:.1f} s", file=sys.stderr)
    return out


def _lint_1000(scratch: Path) -> Setup:
    opts = ("--contracts", "1000", "--metrics", "200", "--pipelines", "50", "--teams", "12")
    return Setup(["lint"], generate(scratch, "lint-1000", *opts))


def _memory_10000(scratch: Path) -> Setup:
    opts = ("--contracts", "10000", "--metrics", "2000", "--pipelines", "500", "--teams", "40")
    return Setup(["lint"], generate(scratch, "memory-10000", *opts))


def _report_1000(command: str) -> Callable[[Path], Setup]:
    """A report command on the lint-1000 repository (generated once per run)."""

    def setup(scratch: Path) -> Setup:
        return Setup([command], _lint_1000(scratch).cwd)

    return setup


def _breaking_1000(scratch: Path) -> Setup:
    opts = ("--contracts", "1000", "--metrics", "200", "--git-history", "2000", "--notices", "20")
    repo = generate(scratch, "breaking-1000", *opts)
    return Setup(["breaking", "--against", "main", "--now", NOW], repo)


WORKLOADS = {
    w.name: w
    for w in [
        Workload(
            "self",
            "govern lint in the project root (the pre-commit path)",
            "s",
            0.25,
            True,
            lambda _: Setup(["lint"], ROOT),
        ),
        Workload(
            "version",
            "govern --version (start-up and import time)",
            "s",
            0.25,
            True,
            lambda _: Setup(["--version"], ROOT),
        ),
        Workload(
            "lint-1000",
            "govern lint on 1,000 contracts + 200 metrics + ownership",
            "s",
            1.5,
            True,
            _lint_1000,
        ),
        Workload(
            "coverage-1000",
            "govern coverage on the lint-1000 repository (no target: lint's, for reference)",
            "s",
            1.5,
            True,
            _report_1000("coverage"),
        ),
        Workload(
            "conflicts-1000",
            "govern conflicts on the lint-1000 repository (no target: lint's, for reference)",
            "s",
            1.5,
            True,
            _report_1000("conflicts"),
        ),
        Workload(
            "breaking-1000",
            "govern breaking --against main: 1,000 contracts, 2,000 commits, 20 removals",
            "s",
            3.0,
            False,
            _breaking_1000,
        ),
        Workload(
            "memory-10000",
            "peak RSS of govern lint on 10,000 contracts + 2,000 metrics",
            "MB",
            500.0,
            False,
            _memory_10000,
        ),
    ]
}


@dataclass
class Result:
    workload: Workload
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    error: str | None = None
    stderr: str = ""

    @property
    def values(self) -> list[float]:
        return self.seconds if self.workload.measure == "s" else self.rss_mb

    @property
    def score(self) -> float | None:
        """Time is judged by the median run; memory by the largest peak, a limit."""
        if not self.values:
            return None
        return statistics.median(self.values) if self.workload.measure == "s" else max(self.values)

    @property
    def ok(self) -> bool:
        return self.error is None and self.score is not None and self.score <= self.workload.target


def probe(govern: list[str], setup: Setup) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, stderr) of one govern process."""
    cmd = [*govern, *setup.args]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(cmd), str(setup.cwd)],
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(done.stdout)
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return out["seconds"], out["maxrss"] / scale, out["rc"], out["stderr"]


def run_workload(
    workload: Workload, govern: list[str], scratch: Path, *, runs: int, warmup: int
) -> Result:
    result = Result(workload)
    setup = workload.setup(scratch)
    for n in range(warmup + runs):
        seconds, rss, rc, stderr = probe(govern, setup)
        if rc >= 2 or rc < 0:  # 1 means findings, the normal outcome on generated repos
            how = f"signal {-rc}" if rc < 0 else f"exit {rc}"
            command = shlex.join(["govern", *setup.args])
            result.error = f"{how} from `{command}` in {setup.cwd}"
            result.stderr = stderr
            break
        if n >= warmup:
            result.seconds.append(seconds)
            result.rss_mb.append(rss)
            result.exit_codes.append(rc)
    return result


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.3f} s" if unit == "s" else f"{value:.0f} MB"


def table(results: list[Result]) -> str:
    rows = [
        "| workload | median | min | max | target | ok | peak RSS |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        unit, vals = r.workload.measure, r.values
        median = statistics.median(vals) if vals else None
        ok = "FAIL" if r.error else ("yes" if r.ok else "no")
        peak = f"{max(r.rss_mb):.0f} MB" if r.rss_mb else "-"
        cells = [
            r.workload.name,
            _fmt(median, unit),
            _fmt(min(vals) if vals else None, unit),
            _fmt(max(vals) if vals else None, unit),
            ("≤ " + _fmt(r.workload.target, unit)),
            ok,
            peak,
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def as_json(results: list[Result], govern: list[str], runs: int) -> str:
    def stats(vals: list[float]) -> dict[str, float] | None:
        if not vals:
            return None
        return {"median": statistics.median(vals), "min": min(vals), "max": max(vals)}

    return json.dumps(
        {
            "govern": govern,
            "runs": runs,
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "workloads": [
                {
                    "name": r.workload.name,
                    "what": r.workload.what,
                    "measure": r.workload.measure,
                    "target": r.workload.target,
                    "ok": r.ok,
                    "seconds": stats(r.seconds),
                    "peak_rss_mb": stats(r.rss_mb),
                    "exit_codes": r.exit_codes,
                    "error": r.error,
                }
                for r in results
            ],
        },
        indent=2,
    )


def main(argv: list[str] | None = None) -> int:
    names = ", ".join(f"{w.name}{'' if w.default else ' (opt-in)'}" for w in WORKLOADS.values())
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=f"workloads: {names}")
    p.add_argument("--runs", type=int, default=7, help="timed runs per workload (default 7)")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    p.add_argument(
        "--workload",
        action="append",
        choices=list(WORKLOADS),
        help="run this workload (repeatable; default: all but the opt-in ones)",
    )
    p.add_argument("--all", action="store_true", help="run every workload")
    p.add_argument(
        "--govern",
        help="the govern command, e.g. /path/to/govern or 'python -m govern' "
        "(default: govern on PATH)",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--keep", action="store_true", help="keep the generated repositories")
    args = p.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        p.error("--runs must be at least 1 and --warmup at least 0")
    if args.govern:
        govern = shlex.split(args.govern)
    else:
        found = shutil.which("govern")
        if found is None:
            p.error("govern is not on PATH: install it (pip install -e .) or pass --govern")
        govern = [found]
    if args.all:
        chosen = list(WORKLOADS.values())
    elif args.workload:
        chosen = [WORKLOADS[n] for n in dict.fromkeys(args.workload)]
    else:
        chosen = [w for w in WORKLOADS.values() if w.default]

    scratch = Path(tempfile.mkdtemp(prefix="govern-bench-"))
    try:
        results = []
        for w in chosen:
            print(f"{w.name}: {w.what}", file=sys.stderr)
            results.append(run_workload(w, govern, scratch, runs=args.runs, warmup=args.warmup))
    finally:
        if args.keep:
            print(f"generated repositories kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    for r in results:
        if r.error:
            print(f"\n{r.workload.name} failed: {r.error}", file=sys.stderr)
            for line in r.stderr.rstrip().splitlines():
                print(f"    {line}", file=sys.stderr)
    print(as_json(results, govern, args.runs) if args.json else table(results))
    if any(r.error for r in results):
        return 2
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
