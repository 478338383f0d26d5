"""Compare ``govern lint`` with ``datacontract lint`` (datacontract-cli) on the same ODCS files.

    python bench/compare_datacontract.py --govern /tmp/bench/bin/govern
    python bench/compare_datacontract.py --datacontract /path/to/venv/bin/datacontract
    python bench/compare_datacontract.py --runs 3 --loop-runs 1 --json

datacontract-cli is never a dependency of govern: unless ``--datacontract`` names
an installed one, this script creates a throwaway virtual environment of its own
(``--venv``, by default in the user's cache directory, reused on the next run) and
``pip install``s datacontract-cli into it. The page and index settings are pip's own
(``pip.conf``, ``PIP_*``).

Timing is that of ``bench/run.py``: each measured run is one probe process that starts
the tool and takes the wall-clock time with ``time.perf_counter()``; stdout goes to
``/dev/null``; the median of the runs is reported. The ODCS files are generated into a
temporary governance repository (``contracts/``, plus the ``ownership/teams.yaml`` their
owner refers to, so that govern lints them clean); generation is not timed.

- one file: ``govern lint`` in a repository holding one contract, against
  ``datacontract lint contracts/<file>``;
- 100 files: ``govern lint`` once in a repository of 100 distinct contracts (one process,
  as a user runs it), against ``datacontract lint`` on each file (it takes one file per
  process: 100 processes, one after the other, timed as one run);
- for reference, datacontract's Python API linting the 100 files in one process (no
  command-line start-up per file), and ``govern --version`` as the yardstick of how fast
  the host is.

Then a side-by-side on a hand-made contract with three schema errors at known lines (a
wrong type, an unknown key, a missing required key): what each tool prints, and how many
of the errors each reports with a line number.

Every valid file must lint clean in both tools (exit 0); any other exit is a failed run,
and the script stops with that tool's output. Exit status: 0 done, 2 a run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import venv
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SPEC = "datacontract-cli==1.2.8"
FILES = 100
API_VERSION = "v3.1.0"

# Runs a sequence of commands once and prints what it measured as JSON: run.py's probe,
# for a list of processes (the 100 `datacontract lint` processes are one timed run).
PROBE = """
import json, resource, subprocess, sys, time
cmds, cwd = json.loads(sys.argv[1]), sys.argv[2]
rcs, err = [], ""
start = time.perf_counter()
for cmd in cmds:
    proc = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    rcs.append(proc.returncode)
    if proc.returncode and not err:
        err = proc.stderr.decode("utf-8", "replace")[-8000:]
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "rcs": rcs, "maxrss": rss, "stderr": err}))
"""

# datacontract's Python API on many files in one process (run by the venv's Python).
API_LOOP = """
import sys
from datacontract.data_contract import DataContract
failed = [p for p in sys.argv[1:] if DataContract(data_contract_file=p).lint().result != "passed"]
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


# --- the throwaway datacontract-cli ------------------------------------------------------------


def default_venv() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "govern-bench" / "datacontract-cli"


def ensure_datacontract(executable: str | None, where: Path, spec: str) -> Path:
    """The ``datacontract`` executable: the one given, or one in a venv of its own at
    ``where`` (created, and datacontract-cli installed into it, when it is missing)."""
    if executable:
        found = shutil.which(executable)
        if found is None:
            raise SystemExit(f"{executable}: not found")
        return Path(found)
    exe = where / "bin" / "datacontract"
    if exe.exists():
        print(f"reusing datacontract-cli in {where}", file=sys.stderr)
        return exe
    print(f"creating a throwaway venv in {where} and installing {spec}", file=sys.stderr)
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "--quiet", spec]
    subprocess.run(pip, check=True)
    return exe


# --- the files ---------------------------------------------------------------------------------

TEAMS = {
    "sales-data": ("Sales Data", "ava", "ben", "cara"),
    "finance-data": ("Finance Data", "dan", "eli", "fay"),
    "logistics-data": ("Logistics Data", "gus", "hana", "ivo"),
    "marketing-data": ("Marketing Data", "jon", "kim", "lou"),
}

ENTITIES = {
    "sales": ("sales-data", ["order", "order_line", "quote", "return", "cart"]),
    "finance": ("finance-data", ["invoice", "payment", "refund", "ledger_entry"]),
    "logistics": ("logistics-data", ["shipment", "parcel", "pickup", "warehouse"]),
    "marketing": ("marketing-data", ["campaign", "ad_click", "newsletter", "coupon"]),
}

# name, business name, logicalType, physicalType, description, extra lines (at the
# property's indentation).
Column = tuple[str, str, str, str, str, list[str]]

OPTIONAL_COLUMNS: list[Column] = [
    (
        "country_code",
        "Country code",
        "string",
        "varchar(2)",
        "ISO 3166-1 alpha-2 code of the country",
        ["logicalTypeOptions:", "  minLength: 2", "  maxLength: 2", "examples: [DE, FR]"],
    ),
    (
        "currency",
        "Currency",
        "string",
        "varchar(3)",
        "ISO 4217 currency code",
        ["logicalTypeOptions:", "  pattern: ^[A-Z]{3}$", "examples: [EUR, USD]"],
    ),
    (
        "amount",
        "Amount",
        "number",
        "decimal(18,2)",
        "Amount in the currency of the record",
        ["logicalTypeOptions:", "  minimum: 0"],
    ),
    ("quantity", "Quantity", "integer", "int", "Number of units", ["examples: [1, 3]"]),
    ("is_test", "Test record", "boolean", "boolean", "True for records made by test runs", []),
    ("channel", "Channel", "string", "varchar(16)", "Sales channel (web, app or store)", []),
    ("created_date", "Creation date", "date", "date", "Calendar day the record was made", []),
    (
        "updated_at",
        "Last update",
        "timestamp",
        "timestamp",
        "When the record last changed",
        ["logicalTypeOptions:", "  timezone: true"],
    ),
    (
        "source_system",
        "Source system",
        "string",
        "varchar(32)",
        "System the record was read from",
        ["classification: internal"],
    ),
    (
        "region",
        "Region",
        "string",
        "varchar(16)",
        "Sales region of the record",
        ["classification: public", "examples: [emea, apac]"],
    ),
    ("discount_rate", "Discount rate", "number", "double", "Share of the list price taken off", []),
    ("line_count", "Line count", "integer", "bigint", "Number of lines of the record", []),
    (
        "status_code",
        "Status",
        "string",
        "varchar(12)",
        "Processing status of the record",
        ["examples: [open, closed]"],
    ),
    ("weight_kg", "Weight", "number", "decimal(10,3)", "Weight in kilograms", []),
]


def _property(col: Column, *, key: bool = False, required: bool = False) -> list[str]:
    name, business, logical, physical, desc, extra = col
    lines = [
        f"- name: {name}",
        f"  businessName: {business}",
        f"  logicalType: {logical}",
        f"  physicalType: {physical}",
        f"  description: {desc}",
    ]
    if key:
        lines += ["  primaryKey: true", "  primaryKeyPosition: 1", "  unique: true"]
    if required or key:
        lines.append("  required: true")
    lines += [f"  {line}" for line in extra]
    return lines


def odcs_contract(n: int, rng: random.Random) -> tuple[str, str]:
    """(file name, text) of the n-th valid ODCS v3 contract: distinct id, table and columns."""
    domain = list(ENTITIES)[n % len(ENTITIES)]
    team, entities = ENTITIES[domain]
    entity = entities[(n // len(ENTITIES)) % len(entities)]
    plural = f"{entity[:-1]}ies" if entity.endswith("y") else f"{entity}s"
    table = f"{plural}_{n:03d}"
    words = entity.replace("_", " ")
    key: Column = (
        f"{entity}_id",
        f"{words.capitalize()} id",
        "string",
        "varchar(36)",
        f"Identifier of the {words}",
        ["examples: [3f1c9a52-7d0e-4c58-9b1e-2a6f0c4d8e11]"],
    )
    columns = rng.sample(OPTIONAL_COLUMNS, rng.randint(5, 12))
    body = _property(key, key=True)
    for i, col in enumerate(columns):
        body += _property(col, required=i < 2)
    body.append("  authoritativeDefinitions:")
    body.append(f"    - url: https://github.com/example-org/{domain}-pipelines/{table}.sql")
    body.append("      type: implementation")
    props = "\n".join(f"      {line}" for line in body)
    text = f"""\
apiVersion: {API_VERSION}
kind: DataContract
id: {domain}.{table}
name: {table}
version: 1.{n % 7}.{n % 3}
status: active
domain: {domain}
dataProduct: {domain}_{plural}
description:
  purpose: {words.capitalize()} records of the {domain} domain (set {n}).
  usage: Reporting and reconciliation.
  limitations: Test records are flagged, not removed.
tags: [{domain}, curated]
customProperties:
  - property: govern.owner
    value: {team}
  - property: govern.notice_days
    value: {30 + 15 * (n % 3)}
schema:
  - name: {table}
    physicalName: {domain}_{table}
    physicalType: table
    businessName: {words.capitalize()} records
    description: One row per {words}.
    properties:
{props}
slaProperties:
  - property: latency
    value: {1 + n % 4}
    unit: d
  - property: retention
    value: {1 + n % 5}
    unit: y
"""
    return f"{domain}/{table}.odcs.yaml", text


def teams_yaml() -> str:
    out = ["teams:"]
    for team, (name, a, b, manager) in TEAMS.items():
        out += [
            f"  {team}:",
            f"    name: {name}",
            f"    description: Owns the {name.lower()} contracts",
            f'    slack: "#{team}"',
            f"    email: {team}@example.com",
            f"    members: [{a}, {b}]",
            f"    manager: {manager}",
        ]
    return "\n".join(out) + "\n"


# The three schema errors, and where they are (line, column of the offending key or value).
BROKEN = """\
apiVersion: v3.1.0
kind: DataContract
id: sales.orders
name: orders
version: 1.0.0
status: active
description:
  purpose: Orders placed in the web shop, one row per order.
customProperties:
  - property: govern.owner
    value: sales-data
schema:
  - name: orders
    physicalType: table
    description: One row per order.
    properties:
      - name: order_id
        logicalType: string
        required: sometimes
        description: Order identifier.
      - name: amount
        logicalType: number
        colour: blue
        description: Order total.
      - logicalType: integer
        physicalType: int
        description: Number of items.
"""
BROKEN_ERRORS = [
    ("wrong type (`required: sometimes`, not a boolean)", 19, "GOV004"),
    ("unknown key (`colour`)", 23, "GOV003"),
    ("missing required key (a property without `name`)", 25, "GOV005"),
]
BROKEN_PATH = "contracts/sales/orders.odcs.yaml"


def make_repo(where: Path, contracts: dict[str, str]) -> Path:
    """A governance repository: govern.yaml, the teams, and the contracts."""
    where.mkdir(parents=True)
    (where / "govern.yaml").write_text("# benchmark repository\n", encoding="utf-8")
    (where / "ownership").mkdir()
    (where / "ownership" / "teams.yaml").write_text(teams_yaml(), encoding="utf-8")
    for rel, text in contracts.items():
        target = where / "contracts" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return where


# --- timing ------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    what: str
    commands: list[list[str]]
    cwd: Path
    files: int
    runs: int
    warmup: int
    env: dict[str, str] = field(default_factory=dict)  # set for the tool's processes
    seconds: list[float] = field(default_factory=list)
    rss_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def per_file(self) -> float:
        return self.median / self.files


class RunFailed(Exception):
    pass


def probe(
    commands: list[list[str]], cwd: Path, env: dict[str, str]
) -> tuple[float, float, list[int], str]:
    """(seconds, peak RSS in MB, exit codes, first failing stderr) of one run."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands), str(cwd)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    out = json.loads(done.stdout)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return out["seconds"], out["maxrss"] / scale, out["rcs"], out["stderr"]


def measure(case: Case) -> None:
    print(f"{case.name}: {case.what} ({case.runs} runs)", file=sys.stderr)
    for n in range(case.warmup + case.runs):
        seconds, rss, rcs, stderr = probe(case.commands, case.cwd, case.env)
        bad = [(cmd, rc) for cmd, rc in zip(case.commands, rcs, strict=True) if rc != 0]
        if bad:
            cmd, rc = bad[0]
            again = subprocess.run(cmd, cwd=case.cwd, capture_output=True, text=True)
            raise RunFailed(
                f"{case.name}: exit {rc} from `{shlex.join(cmd)}` in {case.cwd}"
                f" ({len(bad)} of {len(rcs)} processes failed)\n"
                f"{again.stdout}{again.stderr or stderr}"
            )
        if n >= case.warmup:
            case.seconds.append(seconds)
            case.rss_mb = max(case.rss_mb, rss)


# --- the side-by-side on a broken file --------------------------------------------------------

LINE_NUMBER = re.compile(r"\bline\s*\d+|:\d+:\d+|\b\d+:\d+\b", re.IGNORECASE)


@dataclass
class ErrorReport:
    tool: str
    command: str
    exit_code: int
    output: str
    errors: int  # schema errors reported
    with_line: int  # of them, with a line number
    found: list[str]  # which of BROKEN_ERRORS, as reported


def govern_on_broken(govern: list[str], repo: Path) -> ErrorReport:
    text = subprocess.run([*govern, "lint", "--no-color"], cwd=repo, capture_output=True, text=True)
    data = subprocess.run(
        [*govern, "lint", "--format", "json"], cwd=repo, capture_output=True, text=True
    )
    findings = json.loads(data.stdout)["findings"]
    schema = [f for f in findings if f["rule"] in ("GOV003", "GOV004", "GOV005")]
    found = []
    for what, line, code in BROKEN_ERRORS:
        hit = [f for f in schema if f["rule"] == code and f["line"] == line]
        if hit:
            found.append(f"{what}: {code} at {hit[0]['line']}:{hit[0]['column']}")
        else:
            found.append(f"{what}: NOT REPORTED at line {line}")
    return ErrorReport(
        "govern",
        "govern lint",
        text.returncode,
        text.stdout + text.stderr,
        len(schema),
        sum(1 for f in schema if f.get("line")),
        found,
    )


def datacontract_on(dc: Path, repo: Path, path: str, *options: str) -> ErrorReport:
    """``datacontract lint`` on one file: its text output (wide, not wrapped) and the
    checks of its JSON results."""
    env = {**os.environ, "COLUMNS": "200"}
    cmd = [str(dc), "lint", *options, path]
    text = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results.json"
        json_cmd = [*cmd[:-1], "--output", str(out), "--output-format", "json", path]
        subprocess.run(json_cmd, cwd=repo, capture_output=True, env=env)
        checks = json.loads(out.read_text(encoding="utf-8"))["checks"] if out.exists() else []
    reported = [c for c in checks if c.get("result") in ("failed", "warning", "error")]
    reasons = [str(c.get("reason") or "") for c in reported]
    return ErrorReport(
        "datacontract",
        shlex.join(["datacontract", "lint", *options, path]),
        text.returncode,
        text.stdout + text.stderr,
        len(reported),
        sum(1 for r in reasons if LINE_NUMBER.search(r)),
        [f"{c.get('result')}: {r}" for c, r in zip(reported, reasons, strict=True)],
    )


# --- report ------------------------------------------------------------------------------------


def _s(seconds: float) -> str:
    return f"{seconds:.3f} s"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def table(cases: dict[str, Case]) -> str:
    d1, d100 = cases["datacontract-1"], cases["datacontract-100"]
    api, version = cases["datacontract-api-100"], cases["govern-version"]
    rows = [
        "| | govern lint | datacontract lint | ratio |",
        "|---|---:|---:|---:|",
    ]
    for cache in ("cold", "warm"):
        g1, g100 = cases[f"govern-1-{cache}"], cases[f"govern-100-{cache}"]
        rows += [
            f"| 1 file, {cache} (median of {g1.runs} / {d1.runs} runs) | {_s(g1.median)} | "
            f"{_s(d1.median)} | {d1.median / g1.median:.1f}x |",
            f"| {FILES} files, {cache} (govern: 1 process; datacontract: {FILES} processes; "
            f"median of {g100.runs} / {d100.runs} runs) | {_s(g100.median)} | "
            f"{_s(d100.median)} | {d100.median / g100.median:.1f}x |",
            f"| per file, {FILES}-file case, {cache} | {_ms(g100.per_file)} | "
            f"{_ms(d100.per_file)} | {d100.per_file / g100.per_file:.1f}x |",
        ]
    rows += [
        "",
        "| reference | median | min | max | peak RSS |",
        "|---|---:|---:|---:|---:|",
    ]
    shown = [version, cases["govern-1-cold"], cases["govern-1-warm"], d1]
    shown += [cases["govern-100-cold"], cases["govern-100-warm"], d100, api]
    for c in shown:
        rows.append(
            f"| `{c.name}`: {c.what} | {_s(c.median)} | {_s(min(c.seconds))} | "
            f"{_s(max(c.seconds))} | {c.rss_mb:.0f} MB |"
        )
    return "\n".join(rows)


def error_section(reports: list[ErrorReport]) -> str:
    out = [f"Broken file ({BROKEN_PATH}), the errors and their lines:"]
    out += [f"  line {line}: {what}" for what, line, _ in BROKEN_ERRORS]
    for r in reports:
        out += [
            "",
            f"$ {r.command}    # exit {r.exit_code}; {r.errors} reported, "
            f"{r.with_line} with a line number",
            r.output.rstrip(),
            "  reported:",
            *[f"    {f}" for f in r.found],
        ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--govern",
        help="the govern command, e.g. /path/to/govern or 'python -m govern' "
        "(default: govern on PATH)",
    )
    p.add_argument(
        "--datacontract",
        metavar="EXE",
        help="an installed datacontract executable (default: the one in --venv)",
    )
    p.add_argument(
        "--venv",
        type=Path,
        default=default_venv(),
        help="the throwaway venv for datacontract-cli, created when missing (default: %(default)s)",
    )
    p.add_argument(
        "--spec",
        default=DEFAULT_SPEC,
        help="what pip installs into a new venv (default: %(default)s)",
    )
    p.add_argument("--runs", type=int, default=7, help="timed runs per case (default 7)")
    p.add_argument(
        "--loop-runs",
        type=int,
        default=3,
        help=f"timed runs of the {FILES} datacontract processes (default 3)",
    )
    p.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--keep", action="store_true", help="keep the generated repositories")
    args = p.parse_args(argv)
    if args.runs < 1 or args.loop_runs < 1 or args.warmup < 0:
        p.error("--runs and --loop-runs must be at least 1, --warmup at least 0")
    if args.govern:
        govern = shlex.split(args.govern)
    else:
        found = shutil.which("govern")
        if found is None:
            p.error("govern is not on PATH: install it (pip install .) or pass --govern")
        govern = [found]
    dc = ensure_datacontract(args.datacontract, args.venv, args.spec)
    dc_python = dc.parent / "python"
    dc_version = subprocess.run(
        [str(dc), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    govern_version = subprocess.run(
        [*govern, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()

    rng = random.Random(args.seed)
    contracts = dict(odcs_contract(n, rng) for n in range(FILES))
    scratch = Path(tempfile.mkdtemp(prefix="govern-compare-"))
    try:
        first = next(iter(contracts))
        one = make_repo(scratch / "one", {first: contracts[first]})
        many = make_repo(scratch / "many", contracts)
        broken = make_repo(scratch / "broken", {BROKEN_PATH.removeprefix("contracts/"): BROKEN})
        unknown_only = BROKEN.replace("required: sometimes", "required: true")
        unknown_only = unknown_only.split("      - logicalType: integer")[0]
        # Outside the repository: govern reads contracts/, metrics/ and ownership/ only.
        alone = scratch / "unknown-key-only.odcs.yaml"
        alone.write_text(unknown_only, encoding="utf-8")
        paths = [f"contracts/{rel}" for rel in contracts]
        dcx = str(dc)
        cases = {
            c.name: c
            for c in [
                Case(
                    "govern-version",
                    "`govern --version` (start-up: the yardstick)",
                    [[*govern, "--version"]],
                    one,
                    1,
                    args.runs,
                    args.warmup,
                ),
                Case(
                    "govern-1-cold",
                    "`govern lint`, 1 contract, no cache (GOVERN_NO_CACHE=1)",
                    [[*govern, "lint"]],
                    one,
                    1,
                    args.runs,
                    args.warmup,
                    env={"GOVERN_NO_CACHE": "1"},
                ),
                Case(
                    "govern-1-warm",
                    "`govern lint`, 1 contract, its schema errors cached by the warm-up run",
                    [[*govern, "lint"]],
                    one,
                    1,
                    args.runs,
                    max(args.warmup, 1),
                    env={"GOVERN_CACHE_DIR": str(scratch / "cache-one")},
                ),
                Case(
                    "datacontract-1",
                    "`datacontract lint FILE`, 1 contract",
                    [[dcx, "lint", f"contracts/{first}"]],
                    one,
                    1,
                    args.runs,
                    args.warmup,
                ),
                Case(
                    "govern-100-cold",
                    f"`govern lint`, {FILES} contracts, 1 process, no cache",
                    [[*govern, "lint"]],
                    many,
                    FILES,
                    args.runs,
                    args.warmup,
                    env={"GOVERN_NO_CACHE": "1"},
                ),
                Case(
                    "govern-100-warm",
                    f"`govern lint`, {FILES} contracts, 1 process, cached by the warm-up run",
                    [[*govern, "lint"]],
                    many,
                    FILES,
                    args.runs,
                    max(args.warmup, 1),
                    env={"GOVERN_CACHE_DIR": str(scratch / "cache-many")},
                ),
                Case(
                    "datacontract-100",
                    f"`datacontract lint FILE` on each of {FILES} contracts, {FILES} processes",
                    [[dcx, "lint", path] for path in paths],
                    many,
                    FILES,
                    args.loop_runs,
                    0,  # datacontract-1 has warmed the same installation
                ),
                Case(
                    "datacontract-api-100",
                    f"datacontract's Python API, {FILES} contracts in 1 process",
                    [[str(dc_python), "-c", API_LOOP, *paths]],
                    many,
                    FILES,
                    args.runs,
                    args.warmup,
                ),
            ]
        }
        try:
            for case in cases.values():
                measure(case)
        except RunFailed as e:
            print(f"\nFAILED: {e}", file=sys.stderr)
            return 2
        reports = [
            govern_on_broken(govern, broken),
            datacontract_on(dc, broken, BROKEN_PATH),
            datacontract_on(dc, broken, BROKEN_PATH, "--all-errors"),
            datacontract_on(dc, scratch, alone.name, "--all-errors"),
        ]
    finally:
        if args.keep:
            print(f"generated repositories kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    machine = {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }
    if args.json:
        print(
            json.dumps(
                {
                    "govern": govern,
                    "govern_version": govern_version,
                    "datacontract": str(dc),
                    "datacontract_version": dc_version,
                    "machine": machine,
                    "cases": [
                        {
                            "name": c.name,
                            "what": c.what,
                            "files": c.files,
                            "runs": c.runs,
                            "seconds": {
                                "median": c.median,
                                "min": min(c.seconds),
                                "max": max(c.seconds),
                            },
                            "per_file": c.per_file,
                            "peak_rss_mb": c.rss_mb,
                        }
                        for c in cases.values()
                    ],
                    "errors": [r.__dict__ for r in reports],
                },
                indent=2,
            )
        )
        return 0
    print(f"{govern_version} vs datacontract-cli {dc_version}; {machine['cpus']} cores, ", end="")
    print(f"Python {machine['python']}, {machine['platform']}\n")
    print(table(cases))
    print()
    print(error_section(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
