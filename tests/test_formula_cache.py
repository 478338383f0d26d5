"""The caches between runs (govern/cache.py): formula analyses (govern/sql.py)
and ODCS schema errors (govern/load/odcs.py). A warm run gives the same
findings as a cold one, a damaged cache is ignored, and it can be turned off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govern import sql
from tests import conftest
from tests.conftest import make_repo, run_govern

BAD_FORMULA = """\
metric: refund_rate
name: Refund rate
description: Share of payslips refunded.
owner: analytics
approved_by: [finance]
type: ratio
formula: count_if(refunded) / count(payslip_id)
sources: [payroll.payslip.generated]
"""


@pytest.fixture(autouse=True)
def _subprocess(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache is read once a process: each run here must be a new one."""
    monkeypatch.setattr(conftest, "SUBPROCESS", True)


def _findings(root: Path, cache: Path, **env: str) -> list[tuple[str, str, int, int]]:
    result = run_govern(
        "lint", "--format", "json", cwd=root, env={"GOVERN_CACHE_DIR": str(cache), **env}
    )
    assert result.returncode in (0, 1), result.stderr
    return [
        (f["rule"], f["path"], f["line"], f["column"])
        for f in json.loads(result.stdout)["findings"]
    ]


def test_warm_run_reports_what_the_cold_run_did(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"metrics/refund_rate.yaml": BAD_FORMULA})
    cache = tmp_path / "cache"
    # `refunded` is no field of payroll.payslip.generated: GOV105 at the formula (7:10).
    expected = [("GOV105", "metrics/refund_rate.yaml", 7, 10)]
    assert _findings(root, cache) == expected
    shards = list(cache.glob("formulas-*/*.json"))
    assert shards, "the cold run wrote no cache"
    stored = {k for shard in shards for k in json.loads(shard.read_text())}
    assert any("count_if(refunded)" in key for key in stored)
    assert _findings(root, cache) == expected


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"metrics/refund_rate.yaml": BAD_FORMULA})
    cache = tmp_path / "cache"
    _findings(root, cache)
    shards = list(cache.glob("formulas-*/*.json"))
    for path in shards:
        path.write_text("{not json")
    assert _findings(root, cache) == [("GOV105", "metrics/refund_rate.yaml", 7, 10)]
    # ...and replaced by good ones.
    for path in shards:
        json.loads(path.read_text())


def test_a_wrong_cache_entry_shape_is_ignored(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"metrics/refund_rate.yaml": BAD_FORMULA})
    cache = tmp_path / "cache"
    _findings(root, cache)
    for path in cache.glob("formulas-*/*.json"):
        path.write_text(json.dumps({k: "garbage" for k in json.loads(path.read_text())}))
    assert _findings(root, cache) == [("GOV105", "metrics/refund_rate.yaml", 7, 10)]


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"metrics/refund_rate.yaml": BAD_FORMULA})
    cache = tmp_path / "cache"
    _findings(root, cache, GOVERN_NO_CACHE="1")
    assert not cache.exists()


def test_analysis_matches_the_parse() -> None:
    a = sql.analyze("sum(amount) / count(DISTINCT o.order_id)", "postgres")
    assert a.error is None and a.ratio
    assert {(c.table, c.name) for c in a.columns} == {("", "amount"), ("o", "order_id")}
    assert sql.analyze("sum(amount", None).error is not None


# --- ODCS schema errors (govern/load/odcs.py) -------------------------------------------------

BAD_ODCS = """\
apiVersion: v3.1.0
kind: DataContract
id: shop.orders
version: 1.0.0
status: active
team:
  name: payroll-engine
schema:
  - name: orders
    colour: blue
    properties:
      - name: order_id
        logicalType: string
        required: sometimes
"""


def test_odcs_schema_errors_are_kept_between_runs(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"contracts/orders.odcs.yaml": BAD_ODCS})
    cache = tmp_path / "cache"
    # By hand: the unknown key `colour` on line 10, column 5; `required: sometimes`
    # is no boolean, its value on line 14, column 19.
    expected = [
        ("GOV003", "contracts/orders.odcs.yaml", 10, 5),
        ("GOV004", "contracts/orders.odcs.yaml", 14, 19),
    ]
    cold = [f for f in _findings(root, cache) if f[0] in ("GOV003", "GOV004")]
    assert cold == expected
    assert list(cache.glob("odcs-v1-*/*.json")), "the cold run kept no schema errors"
    warm = [f for f in _findings(root, cache) if f[0] in ("GOV003", "GOV004")]
    assert warm == expected
    # The answers are kept by the text: a changed file is validated afresh.
    (root / "contracts" / "orders.odcs.yaml").write_text(BAD_ODCS.replace("    colour: blue\n", ""))
    again = [f for f in _findings(root, cache) if f[0] in ("GOV003", "GOV004")]
    assert again == [("GOV004", "contracts/orders.odcs.yaml", 13, 19)]


def test_a_warm_odcs_run_does_not_import_jsonschema(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"contracts/orders.odcs.yaml": BAD_ODCS})
    cache = tmp_path / "cache"
    _findings(root, cache)
    probe = (
        "import sys\n"
        "from govern.cli import main\n"
        "sys.argv = ['govern', 'lint']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('JSONSCHEMA', 'jsonschema' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "GOVERN_CACHE_DIR": str(cache)}
    env.pop("GOVERN_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True
    )
    assert "JSONSCHEMA False" in out.stderr, out.stderr
