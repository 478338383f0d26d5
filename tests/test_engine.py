"""Engine properties that hold for every repository."""

from __future__ import annotations

from pathlib import Path

from govern.config import Config
from govern.engine import lint
from tests.conftest import PROJECT, make_repo


def test_a_clean_repository_reads_no_positions() -> None:
    # Positions (line and column of every key) are computed lazily, by reading
    # a file again, only for documents that have findings. A rule that asks for
    # a location before it knows it has a finding makes every lint pay that
    # cost for every file (it once tripled the time on 1,000 contracts).
    result = lint(str(PROJECT), Config())
    assert result.findings == []
    computed = [d.path for d in result.catalog.documents if d.positions._positions is not None]
    assert computed == []


def test_only_documents_with_findings_read_positions(tmp_path: Path) -> None:
    bad = "metric: bad_metric\nowner: nobody\nformula: count(x)\n"
    root = make_repo(tmp_path / "r", {"metrics/bad.yaml": bad})
    result = lint(str(root), Config())
    assert {f.path for f in result.findings} == {"metrics/bad.yaml"}
    computed = [d.path for d in result.catalog.documents if d.positions._positions is not None]
    assert computed == ["metrics/bad.yaml"]
