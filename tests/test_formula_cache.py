"""The formula cache between runs (govern/sql.py): a warm run gives the same
findings as a cold one, a damaged cache is ignored, and it can be turned off."""

from __future__ import annotations

import json
from pathlib import Path

from govern import sql
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
